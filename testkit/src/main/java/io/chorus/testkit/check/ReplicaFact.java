package io.chorus.testkit.check;

/**
 * Something a replica did, as the simulator saw it. A history keeps them in the order they happened;
 * per node that order is the node's own order.
 */
public sealed interface ReplicaFact {
    int node();

    long millis();

    /**
     * The node delivered (committed and handed to its state machine) the transaction {@code zxid}, whose
     * payload hashes to {@code payloadHash}, and its tree digest afterwards is {@code digest} (or
     * {@link #NO_DIGEST} when the simulator did not compute one).
     */
    record Delivered(int node, long millis, long zxid, long payloadHash, long digest) implements ReplicaFact {
        public static final long NO_DIGEST = Long.MIN_VALUE;

        public Delivered(int node, long millis, long zxid, long payloadHash) {
            this(node, millis, zxid, payloadHash, NO_DIGEST);
        }

        @Override
        public String toString() {
            return "node " + node + " delivered " + Text.zxid(zxid) + " hash=" + Long.toHexString(payloadHash)
                    + (digest == NO_DIGEST ? "" : " digest=" + Long.toHexString(digest)) + " @" + millis;
        }
    }

    /** The node became leader of {@code epoch}: a quorum acknowledged NEWLEADER (or its protocol's equivalent). */
    record LeaderEstablished(int node, long millis, long epoch) implements ReplicaFact {
        @Override
        public String toString() {
            return "node " + node + " established leader of epoch " + epoch + " @" + millis;
        }
    }

    /** The node crashed: what it had not synced is gone. */
    record Crashed(int node, long millis) implements ReplicaFact {
        @Override
        public String toString() {
            return "node " + node + " crashed @" + millis;
        }
    }

    /**
     * The node's state machine now holds the transactions up to {@code zxid}, obtained without
     * delivering them one by one: a restart that loaded a snapshot and replayed its log, a snapshot
     * received from the leader, or a truncation. The node is up afterwards. Later deliveries continue
     * from here. Use zxid 0 for an empty state.
     */
    record Recovered(int node, long millis, long zxid) implements ReplicaFact {
        @Override
        public String toString() {
            return "node " + node + " recovered to " + Text.zxid(zxid) + " @" + millis;
        }
    }
}
