package io.chorus.zab;

/** Zab's phases (Junqueira, Reed, Serafini, DSN 2011); each has one step class. */
public enum Phase {
    /** Fast leader election: notifications until a quorum agrees on a leader. */
    ELECTION,
    /** The prospective leader learns the accepted epochs and establishes a new one. */
    DISCOVERY,
    /** Each follower's history is made the leader's (DIFF, TRUNC or SNAP), ending with NEWLEADER/UPTODATE. */
    SYNCHRONIZATION,
    /** Proposals, acknowledgements and commits in zxid order. */
    BROADCAST
}
