package io.chorus.datatree;

import io.chorus.datatree.node.EphemeralOwner;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.txn.TxnBody;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the server-initiated deletions that are due (ZooKeeper's ContainerManager): containers that
 * had children and have none left, and childless TTL nodes not modified for longer than their TTL.
 * The transactions re-check their condition when applied, so proposing one that is no longer due is
 * harmless.
 */
final class Housekeeping {
    /** At most this many transactions per call, as ZooKeeper's default container-deletion rate per minute. */
    static final int TXNS_PER_CALL_MAX = 10_000;

    private Housekeeping() {
    }

    static List<TxnBody> due(NodeStore store, long nowMillis) {
        List<TxnBody> due = new ArrayList<>();
        for (String path : store.owners().containers()) {
            Node node = store.lookup(path);
            if (due.size() == TXNS_PER_CALL_MAX) {
                return due;
            }
            if (node != null && node.childCount() == 0 && node.cversion() > 0) {
                due.add(new TxnBody.DeleteContainer(path));
            }
        }
        for (String path : store.owners().ttls()) {
            Node node = store.lookup(path);
            if (due.size() == TXNS_PER_CALL_MAX) {
                return due;
            }
            if (node != null && node.childCount() == 0 && isExpired(node, nowMillis)) {
                due.add(new TxnBody.DeleteExpiredTtl(path, node.mzxid()));
            }
        }
        return due;
    }

    private static boolean isExpired(Node node, long nowMillis) {
        long ttlMillis = EphemeralOwner.ttlMillis(node.ephemeralOwner());
        return ttlMillis != 0 && nowMillis - node.mtime() > ttlMillis;
    }
}
