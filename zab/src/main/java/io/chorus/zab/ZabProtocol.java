package io.chorus.zab;

import io.chorus.api.spi.LogHistory;
import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.DurableMetadata;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.RandomSource;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.api.spi.StateSnapshots;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Zab (fast leader election, discovery, synchronisation, broadcast) behind the consensus SPI, as a
 * deterministic state machine: no threads, sockets, files or clocks. Time comes in as {@code nowMillis},
 * randomness from the {@link RandomSource}, the durable epochs from {@link DurableMetadata}, history written
 * before a restart from {@link LogHistory}, snapshots for SNAP from {@link StateSnapshots}; everything else
 * goes out through {@link #ready()}.
 *
 * <p>Zab assumes FIFO channels between servers (TCP). Where a message is lost or overtaken, a follower notices
 * (a gap in zxids, NEWLEADER not matching its history) and starts over with an election, as it would after a
 * broken connection; cumulative ACK and COMMIT make lost ones harmless.
 *
 * <p>Read barriers are ZooKeeper's sync: satisfied once this server has applied what the leader had proposed
 * when the barrier reached the leader (see {@link io.chorus.api.spi.SyncBarriers}).
 */
public final class ZabProtocol implements ConsensusProtocol {
    private final Replica replica;
    private final LogHistory log;
    private boolean started;

    /**
     * @param serverId  this server's id, a member of {@code ensemble}
     * @param ensemble  every voting member's id, this one's included
     * @param metadata  where the accepted and current epochs live (durable when {@code put} returns)
     * @param log       this server's own durable log, read to serve DIFF and TRUNC to followers
     * @param snapshots the driver's applied state, captured when a follower needs SNAP
     * @param random    the injected randomness (notification resend jitter)
     * @param settings  timing in ticks and limits
     */
    public ZabProtocol(int serverId, Collection<Integer> ensemble, DurableMetadata metadata, LogHistory log,
            StateSnapshots snapshots, RandomSource random, ZabSettings settings) {
        Quorum quorum = new Quorum(ensemble);
        if (!quorum.isMember(serverId)) {
            throw new IllegalArgumentException("server " + serverId + " is not in the ensemble " + ensemble);
        }
        this.replica = new Replica(serverId, quorum, Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(metadata, "metadata"), Objects.requireNonNull(snapshots, "snapshots"),
                Objects.requireNonNull(random, "random"));
        this.log = Objects.requireNonNull(log, "log");
        replica.election = new Election(replica);
        replica.discovery = new Discovery(replica);
        replica.synchronization = new Synchronization(replica);
        replica.broadcast = new Broadcast(replica);
    }

    /**
     * Test-only: switches on deliberate protocol bugs so that the simulator can prove it finds them. Call
     * before {@link #start}. Nothing in configuration reaches this.
     */
    public ZabProtocol withPlantedFaults(Set<PlantedFault> faults) {
        if (started) {
            throw new IllegalStateException("planted faults must be chosen before start");
        }
        replica.faults.clear();
        replica.faults.addAll(faults);
        return this;
    }

    @Override
    public int serverId() {
        return replica.myId;
    }

    /**
     * Starts after recovery. The driver has applied its log up to {@code lastLoggedZxid} (committed or not, as
     * ZooKeeper's recovery does); a TRUNC below that point asks it to rebuild its state.
     */
    @Override
    public void start(long lastLoggedZxid, long nowMillis) {
        if (started) {
            throw new IllegalStateException("started twice");
        }
        started = true;
        replica.loadEpochs();
        replica.history = new History(log, lastLoggedZxid);
        replica.durableZxid = lastLoggedZxid;
        replica.deliveredZxid = lastLoggedZxid;
        replica.nowMillis = nowMillis;
        // A lease granted before a crash is forgotten with it: wait a whole grant before helping a new leader.
        replica.leaseGrantedUntil = nowMillis + replica.settings.syncLimitMillis();
        replica.enterPhase(Phase.ELECTION, nowMillis);
        replica.out.leadership(replica.leadership());
        replica.election.start(nowMillis);
    }

    @Override
    public void receive(int from, PeerMessage message, long nowMillis) {
        requireStarted();
        replica.nowMillis = nowMillis;
        if (!(message instanceof ZabMessage zab)) {
            throw new IllegalArgumentException("not a Zab message: " + message);
        }
        if (from == replica.myId || !replica.quorum.isMember(from)) {
            return; // not from a peer of this ensemble
        }
        replica.disconnected.remove(from);
        if (!(zab instanceof ZabMessage.Notification)) {
            heardFrom(from, nowMillis); // a LOOKING server's notifications say nothing about its leadership
        }
        switch (zab.phase()) {
            case ELECTION -> replica.election.step(from, (ZabMessage.Notification) zab, nowMillis);
            case DISCOVERY -> replica.discovery.step(from, zab, nowMillis);
            case SYNCHRONIZATION -> replica.synchronization.step(from, zab, nowMillis);
            case BROADCAST -> replica.broadcast.step(from, zab, nowMillis);
        }
        replica.broadcast.pingIfReadsWait(nowMillis);
    }

    private void heardFrom(int from, long nowMillis) {
        if (replica.isLeading()) {
            LearnerLink link = replica.leading.links.get(from);
            if (link != null) {
                link.lastHeardMillis = nowMillis;
            }
        } else if (replica.isFollowing() && replica.following.leaderId == from) {
            replica.following.lastHeardMillis = nowMillis;
        }
    }

    @Override
    public void tick(long nowMillis) {
        requireStarted();
        replica.nowMillis = nowMillis;
        switch (replica.phase) {
            case ELECTION -> replica.election.tick(nowMillis);
            case DISCOVERY -> replica.discovery.tick(nowMillis);
            case SYNCHRONIZATION -> replica.synchronization.tick(nowMillis);
            case BROADCAST -> replica.broadcast.tick(nowMillis);
        }
    }

    /**
     * A closed connection to the leader ends following it at once, as a ZooKeeper follower's closed socket does;
     * a lost peer's vote is not waited for in an election. Never needed for safety: the timeouts cover silence.
     */
    @Override
    public void peerConnection(int peer, boolean connected, long nowMillis) {
        requireStarted();
        replica.nowMillis = nowMillis;
        if (peer == replica.myId || !replica.quorum.isMember(peer)) {
            return;
        }
        if (connected) {
            replica.disconnected.remove(peer);
            replica.election.peerConnected(peer);
            return;
        }
        replica.disconnected.add(peer);
        if (replica.isFollowing() && replica.following.leaderId == peer) {
            replica.goLooking("connection to leader " + peer + " closed", nowMillis);
        } else {
            replica.election.peerDisconnected(nowMillis);
        }
    }

    @Override
    public void snapshotCaptured(StateSnapshot snapshot, long nowMillis) {
        requireStarted();
        replica.nowMillis = nowMillis;
        replica.synchronization.snapshotCaptured(Objects.requireNonNull(snapshot, "snapshot"), nowMillis);
    }

    @Override
    public ProposeOutcome propose(byte[] payload, long nowMillis) {
        requireStarted();
        replica.nowMillis = nowMillis;
        Objects.requireNonNull(payload, "payload");
        return replica.broadcast.propose(payload, nowMillis);
    }

    @Override
    public boolean sendToLeader(byte[] message, long nowMillis) {
        requireStarted();
        replica.nowMillis = nowMillis;
        Objects.requireNonNull(message, "message");
        return replica.broadcast.sendToLeader(message);
    }

    @Override
    public boolean sendToFollower(int server, byte[] message, long nowMillis) {
        requireStarted();
        replica.nowMillis = nowMillis;
        Objects.requireNonNull(message, "message");
        return replica.broadcast.sendToFollower(server, message);
    }

    @Override
    public void leaderReadBarrier(long token, long nowMillis) {
        requireStarted();
        replica.nowMillis = nowMillis;
        replica.broadcast.leaderRead(token, nowMillis);
    }

    @Override
    public void persisted(long zxid) {
        requireStarted();
        replica.markDurable(zxid);
        if (replica.isFollowing()) {
            replica.synchronization.ackNewLeaderIfDurable(replica.nowMillis);
            replica.broadcast.ackIfDurable();
        } else if (replica.isLeading()) {
            replica.synchronization.startBroadcastIfQuorum(replica.nowMillis);
            replica.broadcast.commitIfQuorum();
        }
    }

    @Override
    public void readBarrier(long token) {
        requireStarted();
        replica.barriers.add(token);
        replica.armBarriers();
    }

    @Override
    public Leadership leadership() {
        return replica.leadership();
    }

    /** Which phase this server is in (for tests, tools and the simulator's traces). */
    public Phase phase() {
        return replica.phase;
    }

    /** Why this server last abandoned a leader or its leadership (for traces). */
    public String lastStepDownReason() {
        return replica.lastStepDownReason;
    }

    /** The zxid of the newest entry this server has delivered. */
    public long deliveredZxid() {
        return replica.deliveredZxid;
    }

    /** The last zxid of this server's history (logged or being logged). */
    public long lastZxid() {
        return replica.history == null ? 0 : replica.history.lastZxid();
    }

    public long acceptedEpoch() {
        return replica.acceptedEpoch;
    }

    public long currentEpoch() {
        return replica.currentEpoch;
    }

    /** For tests in this package: the state the phases share. */
    Replica replica() {
        return replica;
    }

    @Override
    public boolean hasReady() {
        return !replica.out.isEmpty();
    }

    @Override
    public Ready ready() {
        return replica.out.ready();
    }

    @Override
    public void advance(Ready ready) {
        replica.out.advance(ready);
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("Zab server " + replica.myId + " has not started");
        }
    }

    @Override
    public String toString() {
        return "Zab[" + replica.myId + " " + replica.phase + " " + replica.role + " leader " + replica.leaderId
                + " epoch " + replica.currentEpoch + " last " + Replica.hex(lastZxid()) + " delivered "
                + Replica.hex(replica.deliveredZxid) + "]";
    }
}
