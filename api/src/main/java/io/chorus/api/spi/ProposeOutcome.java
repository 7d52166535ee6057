package io.chorus.api.spi;

/** What happened to a proposal handed to {@link ConsensusProtocol#propose}. */
public enum ProposeOutcome {
    /** This server leads: the entry got a zxid and will appear in {@link Ready#toPersist()}. */
    ACCEPTED,
    /** Sent on to the leader; it comes back as a committed entry like any other. */
    FORWARDED,
    /** No leader is known: the caller answers the client with a connection-loss style error. */
    NO_LEADER
}
