package io.chorus.datatree;

import io.chorus.api.Acl;
import java.util.List;

/**
 * A change that passed validation, with everything resolved (the sequential name, the expanded ACL,
 * the new version): applying it cannot fail on a consistent tree.
 */
sealed interface PlannedWrite {
    record Create(String parentPath, String path, byte[] data, List<Acl> acl, long ephemeralOwner)
            implements PlannedWrite {
    }

    record Delete(String parentPath, String path) implements PlannedWrite {
    }

    record SetData(String path, byte[] data, int newVersion) implements PlannedWrite {
    }

    record SetAcl(String path, List<Acl> acl, int newAversion) implements PlannedWrite {
    }

    record Check(String path) implements PlannedWrite {
    }
}
