package io.chorus.datatree;

import io.chorus.api.Acl;
import java.util.List;

/**
 * A change that passed validation, with everything resolved (the sequential name, the expanded ACL,
 * the new version): applying it cannot fail on a consistent tree.
 */
sealed interface PlannedWrite {
    /** {@code parentAcl} is the parent's ACL when the create applies, for filtering its watchers. */
    record Create(String parentPath, String path, byte[] data, List<Acl> acl, long ephemeralOwner,
            List<Acl> parentAcl) implements PlannedWrite {
    }

    /** The ACLs are the node's and its parent's when the delete applies, for filtering their watchers. */
    record Delete(String parentPath, String path, List<Acl> acl, List<Acl> parentAcl) implements PlannedWrite {
    }

    record SetData(String path, byte[] data, int newVersion) implements PlannedWrite {
    }

    record SetAcl(String path, List<Acl> acl, int newAversion) implements PlannedWrite {
    }

    record Check(String path) implements PlannedWrite {
    }
}
