package io.chorus.api.spi;

/** How a leader confirms, for a linearizable read, that no other server can have been chosen leader. */
public enum LeaderReadMode {
    /** A round of heartbeats answered by a quorum after the read arrived (Raft's ReadIndex). */
    READ_INDEX,
    /**
     * A lease: a quorum answered a round sent less than (grant - clock-drift allowance) ago, and each of them
     * promised to help elect no other leader for the grant after hearing it. No round trip per read.
     */
    LEASE
}
