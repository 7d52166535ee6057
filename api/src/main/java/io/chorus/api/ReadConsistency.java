package io.chorus.api;

/**
 * How fresh a read must be, chosen per session or per request (Chorus's extension; stock ZooKeeper clients
 * get {@link #LOCAL}, or their session's default). Writes are linearizable whatever is chosen here.
 */
public enum ReadConsistency {
    /** Served from the connected server's tree: ZooKeeper's reads, sequentially consistent, possibly stale. */
    LOCAL(0),
    /**
     * ZooKeeper's recipe: a {@code sync}, then the read on the connected server. Narrows staleness but is not
     * linearizable (a deposed leader may still answer the sync; ZOOKEEPER-1675).
     */
    SYNC(1),
    /** Forwarded to the server that believes it leads and served from its tree, as Chubby's master serves reads. */
    LEADER(2),
    /**
     * Served by the leader only once it has confirmed it still leads: a quorum round (ReadIndex), or a lease
     * bounded by the configured clock-drift allowance. Never stale.
     */
    LINEARIZABLE(3);

    private final int wireValue;

    ReadConsistency(int wireValue) {
        this.wireValue = wireValue;
    }

    /** Its number in Chorus's read-consistency extension requests. */
    public int wireValue() {
        return wireValue;
    }

    /** The consistency with this wire number; an unknown number is refused with the number in the message. */
    public static ReadConsistency ofWireValue(int value) {
        for (ReadConsistency c : values()) {
            if (c.wireValue == value) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown read consistency " + value + " (0 LOCAL, 1 SYNC, 2 LEADER, "
                + "3 LINEARIZABLE)");
    }
}
