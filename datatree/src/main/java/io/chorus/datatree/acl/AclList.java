package io.chorus.datatree.acl;

import io.chorus.api.Acl;
import io.chorus.datatree.codec.Cesu8;
import io.chorus.datatree.codec.Hash64;
import java.util.List;

/**
 * One interned ACL: the immutable list, its content hash for the tree digest, and how many live nodes
 * use it. Equal lists share one instance (see {@link AclInterner}); most trees have a handful.
 */
public final class AclList {
    private final List<Acl> acls;
    private final long contentHash;
    /** Live nodes referring to this list; apply thread only. */
    private int references;

    AclList(List<Acl> acls) {
        this.acls = List.copyOf(acls);
        this.contentHash = hashOf(this.acls);
    }

    public List<Acl> acls() {
        return acls;
    }

    public long contentHash() {
        return contentHash;
    }

    int references() {
        return references;
    }

    void retain() {
        references++;
    }

    /** Returns true when no live node refers to the list any more. */
    boolean release() {
        if (references <= 0) {
            throw new IllegalStateException("ACL released more often than retained: " + acls);
        }
        return --references == 0;
    }

    private static long hashOf(List<Acl> acls) {
        Hash64 hash = new Hash64(0xAC1L).add(acls.size());
        for (Acl acl : acls) {
            byte[] scheme = Cesu8.encode(acl.id().scheme());
            byte[] id = Cesu8.encode(acl.id().id());
            hash.add(acl.perms()).add(scheme, 0, scheme.length).add(id, 0, id.length);
        }
        return hash.finish();
    }

    @Override
    public String toString() {
        return acls + " x" + references;
    }
}
