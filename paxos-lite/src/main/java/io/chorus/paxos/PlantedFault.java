package io.chorus.paxos;

/**
 * Deliberate protocol bugs, switched on only by tests (through {@link PaxosLiteProtocol#withPlantedFaults}) so
 * that the simulator and its checkers can show they catch them. No configuration path reaches these.
 */
public enum PlantedFault {
    /** An acceptor accepts values (and answers prepares) of a ballot lower than the one it promised. */
    ACCEPT_LOWER_BALLOT,
    /** An acceptor keeps its promise in memory only: after a crash it has forgotten what it promised. */
    FORGET_PROMISE,
    /** The leader counts a slot chosen once any one acceptor (itself included) has accepted it. */
    CHOOSE_WITHOUT_MAJORITY,
    /**
     * A new leader does not fill the slots its own log lacks up to the highest slot phase 1 reported with the
     * values accepted there: it starts proposing right after its own log.
     */
    SKIP_GAP_FILLING
}
