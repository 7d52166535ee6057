package io.chorus.testkit.sim;

import io.chorus.api.spi.LogEntry;

/**
 * What a simulated node applies committed entries to: the data tree later, a {@link LogDigestStateMachine}
 * for protocol-only runs. It must be deterministic (principle 3): the same entries in the same order give
 * the same {@link #digest()} on every replica.
 */
public interface StateMachine {
    /** Applies one entry and returns what a client would be answered (the driver passes it to listeners). */
    Object apply(LogEntry entry);

    /** A hash of the whole state, equal on replicas that applied the same entries. */
    long digest();

    /**
     * The whole state as bytes, for a snapshot a protocol sends to a lagging follower (Zab's SNAP). Only
     * needed by protocols that transfer snapshots.
     */
    default byte[] snapshot() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot take snapshots");
    }

    /** Replaces the state of this (fresh) state machine with one {@link #snapshot()} produced. */
    default void restore(byte[] snapshot) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore snapshots");
    }
}
