package io.chorus.datatree;

import io.chorus.api.Acl;
import io.chorus.datatree.node.Node;
import java.util.List;

/**
 * What validation needs to know about a node, as it would be after the operations validated so far in
 * this transaction: versions, owner, child count, last modification and ACL. {@code cversion} is the
 * persisted one (child creations), which sequential names use.
 */
record PendingNode(
        int version,
        int cversion,
        int aversion,
        long ephemeralOwner,
        int childCount,
        long mzxid,
        long mtime,
        List<Acl> acl) {

    static PendingNode of(Node node) {
        return new PendingNode(node.version(), node.cversion(), node.aversion(), node.ephemeralOwner(),
                node.childCount(), node.mzxid(), node.mtime(), node.acl());
    }

    static PendingNode created(long ephemeralOwner, long zxid, long timeMillis, List<Acl> acl) {
        return new PendingNode(0, 0, 0, ephemeralOwner, 0, zxid, timeMillis, acl);
    }

    PendingNode withChildCreated() {
        return new PendingNode(version, cversion + 1, aversion, ephemeralOwner, childCount + 1, mzxid, mtime, acl);
    }

    PendingNode withChildDeleted() {
        return new PendingNode(version, cversion, aversion, ephemeralOwner, childCount - 1, mzxid, mtime, acl);
    }

    PendingNode withData(int newVersion, long zxid, long timeMillis) {
        return new PendingNode(newVersion, cversion, aversion, ephemeralOwner, childCount, zxid, timeMillis, acl);
    }

    PendingNode withAcl(int newAversion, List<Acl> newAcl) {
        return new PendingNode(version, cversion, newAversion, ephemeralOwner, childCount, mzxid, mtime, newAcl);
    }
}
