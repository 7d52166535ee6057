package io.chorus.api.spi;

import java.util.Optional;

/**
 * The driver's applied state, as a protocol may ask for it. A sans-IO protocol cannot serialise the state
 * machine itself; it is constructed with this source and calls it (on the driver's thread, from within
 * {@code receive}) when a follower needs a whole snapshot.
 */
@FunctionalInterface
public interface StateSnapshots {
    /** The state the driver has applied so far; its zxid is the last entry applied. */
    StateSnapshot capture();

    /**
     * Starts capturing the state applied so far without making the protocol wait: the driver serialises it in the
     * background (a large tree takes seconds) and hands it to {@link ConsensusProtocol#snapshotCaptured} on its
     * thread once done. Returns false, starting nothing, when this driver captures only with {@link #capture()}.
     */
    default boolean startCapture() {
        return false;
    }

    /**
     * The newest snapshot the driver has stored (the state its log continues from), read back whole, or empty when it
     * has none or cannot tell. A protocol whose applied state is ahead of what it knows is committed (a tail replayed
     * at restart) cannot send a capture of it, but can send this one when it is at or below what is committed.
     */
    default Optional<StateSnapshot> newestStored() {
        return Optional.empty();
    }

    /** For protocols that never send snapshots (an ensemble of one). */
    StateSnapshots NONE = () -> {
        throw new UnsupportedOperationException("this driver cannot capture snapshots");
    };
}
