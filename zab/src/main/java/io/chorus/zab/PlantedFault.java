package io.chorus.zab;

/**
 * Deliberate protocol bugs, switched on only by tests (through {@link ZabProtocol#withPlantedFaults}) so the
 * simulator and its checkers can show they catch them. No configuration path reaches these.
 */
public enum PlantedFault {
    /** A follower acknowledges a proposal (and NEWLEADER) as soon as it arrives, before it is durable. */
    ACK_BEFORE_DURABLE,
    /** The leader commits a proposal once any one server (itself included) has acknowledged it. */
    COMMIT_WITHOUT_QUORUM,
    /** The leader sends a follower with an uncommitted tail a DIFF instead of TRUNC, so the tail survives. */
    SKIP_TRUNC,
    /** The prospective leader reuses the highest accepted epoch instead of choosing one above it. */
    NO_EPOCH_INCREASE,
    /** A follower delivers a proposal when it arrives instead of when it is committed. */
    DELIVER_BEFORE_COMMIT,
    /** The new leader starts broadcast (commits its history, sends UPTODATE) before a quorum acked NEWLEADER. */
    SERVE_BEFORE_NEWLEADER_QUORUM,
    /** A leader that lost contact with its quorum keeps leading and commits on its own acknowledgement. */
    COMMIT_AFTER_QUORUM_LOST
}
