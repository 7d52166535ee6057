package io.chorus.api.spi;

/**
 * An atomic broadcast protocol as a deterministic state machine with its I/O injected (etcd raft's
 * Step/Tick/Ready/Advance loop). One instance per server, called from a single thread; it owns no
 * threads, sockets, files or clocks: time comes in as {@code nowMillis}, randomness from the
 * {@link RandomSource} it was built with, and everything it wants done comes out of {@link #ready()}.
 */
public interface ConsensusProtocol {
    int serverId();

    /** Starts the protocol after recovery: {@code lastLoggedZxid} is the newest durable log entry (0 if none). */
    void start(long lastLoggedZxid, long nowMillis);

    void receive(int from, PeerMessage message, long nowMillis);

    void tick(long nowMillis);

    /**
     * The transport's connection to {@code peer} came up or went down (a TCP connection closed by a crashed
     * process, say). Advisory: a protocol must stay safe when this is never called, late or wrong, and may use it
     * to act sooner than its timeouts would (ZooKeeper's followers leave a leader whose socket closed at once).
     */
    default void peerConnection(int peer, boolean connected, long nowMillis) {
    }

    /** A capture begun with {@link StateSnapshots#startCapture()} is done: the state as of {@code snapshot.zxid()}. */
    default void snapshotCaptured(StateSnapshot snapshot, long nowMillis) {
    }

    /** Orders {@code payload}: as leader it gets the next zxid; elsewhere it is forwarded or refused. */
    ProposeOutcome propose(byte[] payload, long nowMillis);

    /**
     * Sends an application message to the leader, unordered with respect to proposals and not durable (the
     * request pipeline sends the sessions its clients kept alive, as ZooKeeper's learners do on their pings).
     * It reaches the leader's driver in {@link Ready#appMessages()}; the leader's own come back the same way.
     * Returns false, sending nothing, when this server knows of no leader it is following or is not leading.
     */
    boolean sendToLeader(byte[] message, long nowMillis);

    /**
     * The leader sends an application message to {@code server}, which it leads (the answer to a read a follower
     * forwarded, say). It reaches that server's driver in {@link Ready#appMessages()}; sent to itself, it comes
     * back the same way. Returns false, sending nothing, when this server is not leading or {@code server} is
     * not among those it leads now.
     */
    boolean sendToFollower(int server, byte[] message, long nowMillis);

    /** The log reports that every entry up to {@code zxid} is durable. */
    void persisted(long zxid);

    /**
     * ZooKeeper's sync: asks to be told (in {@link Ready#readBarriersSatisfied()}) once this server has applied
     * everything the leader had ordered when the barrier reached it. Not linearizable: a deposed leader that has
     * not noticed yet may answer.
     */
    void readBarrier(long token);

    /**
     * A linearizable read: asks to be told (in {@link Ready#readBarriersSatisfied()}) once this server, leading,
     * has applied every entry committed when it was asked and has confirmed since it was asked that no other
     * server can have been chosen leader: a round of messages answered by a quorum (ReadIndex), or a lease that
     * quorum granted, shortened by the clock-drift allowance and still running. Refused (in
     * {@link Ready#readBarriersRefused()}) at once when this server does not lead, and later if it stops leading
     * first. A protocol that offers leases must make followers keep their grant for its whole length, through
     * disconnections and restarts.
     */
    void leaderReadBarrier(long token, long nowMillis);

    Leadership leadership();

    boolean hasReady();

    /** What the driver must do now; call {@link #advance} once it is done. */
    Ready ready();

    void advance(Ready ready);
}
