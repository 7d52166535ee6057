package io.chorus.testkit.sim;

import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.AppMessage;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.Outbound;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.SnapshotStore;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.api.spi.StateSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One simulated server: drives a {@link ConsensusProtocol} from the event queue the way the server's
 * NodeDriver does from its loop thread, so that the protocol cannot tell them apart. For each Ready it
 * truncates and appends the simulated log, sends the messages through the {@link SimNetwork}, applies the
 * committed entries to the {@link StateMachine}, and then calls {@code advance}. Appends are made durable in
 * groups, as the group committer does: one simulated fsync at a time covers every append made before it was
 * issued, and when it completes the protocol hears {@code persisted(zxid)}.
 *
 * <p>Faults: {@link #crash()} drops the protocol, the state machine and every pending event of this
 * incarnation, and applies {@link DiskFaults} to the disk; {@link #restart()} builds a new protocol from the
 * factory over the surviving disk after replaying the log into a new state machine (as the server's
 * Recovery does: newest snapshot, then the log after it); {@link #pause} holds every event for a while (a GC pause) and then runs them in order. A
 * fsync still completes on the disk during a pause; only the node hearing of it waits.
 */
public final class SimNode implements SimNetwork.Endpoint {
    private final int id;
    private final List<Integer> ensemble;
    private final EventQueue queue;
    private final SimClock clock;
    private final SimNetwork network;
    private final TraceHash trace;
    private final SimHistory history;
    private final SimDisk disk = new SimDisk();
    private final ProtocolFactory protocolFactory;
    private final Supplier<? extends StateMachine> stateMachineFactory;
    private final SimRandom random;
    private final long tickMillis;
    private final DelayDistribution fsyncLatency;
    private final DiskFaults diskFaults;
    private final List<NodeListener> listeners;

    private ConsensusProtocol protocol;
    private StateMachine stateMachine;
    private boolean up;
    private boolean paused;
    private long incarnation;
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();
    private boolean syncInFlight;
    private long reportedDurableZxid;
    private boolean durableReportDue;
    private boolean draining;
    private Leadership leadership;
    private long lastAppliedZxid;
    private long committedCount;
    private int crashes;

    SimNode(int id, List<Integer> ensemble, EventQueue queue, SimClock clock, SimNetwork network, TraceHash trace,
            SimHistory history, ProtocolFactory protocolFactory, Supplier<? extends StateMachine> stateMachineFactory,
            SimRandom random, long tickMillis, DelayDistribution fsyncLatency, DiskFaults diskFaults,
            List<NodeListener> listeners) {
        if (tickMillis <= 0) {
            throw new IllegalArgumentException("tickMillis must be positive: " + tickMillis);
        }
        this.id = id;
        this.ensemble = List.copyOf(ensemble);
        this.queue = queue;
        this.clock = clock;
        this.network = network;
        this.trace = trace;
        this.history = history;
        this.protocolFactory = protocolFactory;
        this.stateMachineFactory = stateMachineFactory;
        this.random = random;
        this.tickMillis = tickMillis;
        this.fsyncLatency = fsyncLatency;
        this.diskFaults = diskFaults;
        this.listeners = listeners;
    }

    // ---- lifecycle ----

    /** Starts (or restarts after a crash) over whatever the disk holds. */
    public void restart() {
        if (up) {
            throw new IllegalStateException("node " + id + " is already up");
        }
        up = true;
        paused = false;
        // Messages sent while the node was down were sent to no process: they must not reach this one.
        incarnation++;
        recoverStateMachine(Long.MAX_VALUE);
        long lastLogged = Math.max(disk.log().lastZxid(), newestSnapshotZxid());
        reportedDurableZxid = lastLogged;
        syncInFlight = false;
        durableReportDue = false;
        NodeContext context = new NodeContext(id, ensemble, disk.log(), disk.metadata(), disk.snapshots(), clock,
                random.split(), stateSnapshots(random.chance(0.5)), tickMillis);
        protocol = protocolFactory.create(context);
        if (protocol.serverId() != id) {
            throw new IllegalStateException("factory built server " + protocol.serverId() + " for node " + id);
        }
        trace.record(TraceHash.Kind.RESTART, queue.now(), id, lastLogged, incarnation);
        history.add(new SimEvent.Restarted(queue.now(), id, lastLogged));
        protocol.start(lastLogged, clock.millis());
        leadership = protocol.leadership();
        network.announce(id, true);
        // A random first tick keeps the nodes' timers out of lockstep, as real servers started apart are.
        scheduleTick(random.between(1, tickMillis));
        drain();
    }

    /** The process dies: memory and pending events are lost, the disk keeps what {@link DiskFaults} allow. */
    public void crash() {
        if (!up) {
            return;
        }
        up = false;
        paused = false;
        incarnation++;
        held.clear();
        protocol = null;
        stateMachine = null;
        leadership = null;
        syncInFlight = false;
        durableReportDue = false;
        disk.crash(diskFaults, random);
        crashes++;
        network.announce(id, false);
        trace.record(TraceHash.Kind.CRASH, queue.now(), id, disk.log().lastZxid(), incarnation);
        history.add(new SimEvent.Crashed(queue.now(), id));
    }

    /** Stalls the node for {@code durationMillis}: events meant for it wait, then run in order. */
    public void pause(long durationMillis) {
        if (!up || paused) {
            return;
        }
        paused = true;
        trace.record(TraceHash.Kind.PAUSE, queue.now(), id, durationMillis, 0);
        history.add(new SimEvent.Paused(queue.now(), id, durationMillis));
        long pausedIncarnation = incarnation;
        queue.after(durationMillis, () -> {
            if (incarnation == pausedIncarnation) {
                resume();
            }
        });
    }

    private void resume() {
        paused = false;
        trace.record(TraceHash.Kind.RESUME, queue.now(), id, held.size(), 0);
        List<Runnable> waiting = new ArrayList<>(held);
        held.clear();
        for (Runnable action : waiting) {
            onThisIncarnation(0, action);
        }
    }

    // ---- inputs ----

    @Override
    public void deliver(int from, PeerMessage message) {
        runOrHold(() -> protocol.receive(from, message, clock.millis()));
    }

    @Override
    public void connectionChanged(int peer, boolean connected) {
        runOrHold(() -> protocol.peerConnection(peer, connected, clock.millis()));
    }

    /**
     * Proposes {@code payload} here now. A node that is down or paused cannot be reached: the answer is
     * {@link ProposeOutcome#NO_LEADER} and the history says {@code reached=false}.
     */
    public ProposeOutcome propose(byte[] payload) {
        long payloadHash = TraceHash.hashBytes(payload);
        if (!up || paused) {
            history.add(new SimEvent.Proposed(queue.now(), id, payloadHash, ProposeOutcome.NO_LEADER, false));
            return ProposeOutcome.NO_LEADER;
        }
        ProposeOutcome outcome = protocol.propose(payload, clock.millis());
        trace.record(TraceHash.Kind.PROPOSE, queue.now(), id, payloadHash, outcome.ordinal());
        history.add(new SimEvent.Proposed(queue.now(), id, payloadHash, outcome, true));
        drain();
        return outcome;
    }

    /** Sends an application message to the leader (see {@link ConsensusProtocol#sendToLeader}); false if down or paused. */
    public boolean sendToLeader(byte[] message) {
        if (!up || paused) {
            return false;
        }
        boolean sent = protocol.sendToLeader(message, clock.millis());
        drain();
        return sent;
    }

    /** Leading: sends an application message to a follower (see {@link ConsensusProtocol#sendToFollower}). */
    public boolean sendToFollower(int server, byte[] message) {
        if (!up || paused) {
            return false;
        }
        boolean sent = protocol.sendToFollower(server, message, clock.millis());
        drain();
        return sent;
    }

    /**
     * Asks the protocol for a linearizable read's barrier; listeners hear {@code onReadBarrier} once it is
     * satisfied or {@code onReadBarrierRefused}; false (and nothing heard) if down or paused.
     */
    public boolean leaderReadBarrier(long token) {
        if (!up || paused) {
            return false;
        }
        protocol.leaderReadBarrier(token, clock.millis());
        drain();
        return true;
    }

    /** Asks the protocol for a read barrier; listeners hear {@code onReadBarrier} once it is satisfied. */
    public boolean readBarrier(long token) {
        if (!up || paused) {
            return false;
        }
        protocol.readBarrier(token);
        drain();
        return true;
    }

    // ---- the driver loop ----

    /** Runs {@code action} now, or after the pause; not at all if the node is down. Then carries out Readies. */
    private void runOrHold(Runnable action) {
        if (!up) {
            return;
        }
        if (paused) {
            held.addLast(action);
            return;
        }
        action.run();
        drain();
    }

    /** An event of this incarnation only: a crash in between cancels it. */
    private void onThisIncarnation(long delayMillis, Runnable action) {
        long scheduledIncarnation = incarnation;
        queue.after(delayMillis, () -> {
            if (incarnation == scheduledIncarnation) {
                runOrHold(action);
            }
        });
    }

    private void scheduleTick(long delayMillis) {
        onThisIncarnation(delayMillis, () -> {
            trace.record(TraceHash.Kind.TICK, queue.now(), id, 0, 0);
            protocol.tick(clock.millis());
            scheduleTick(tickMillis);
        });
    }

    private void drain() {
        if (draining || protocol == null) {
            return;
        }
        ConsensusProtocol current = protocol;
        draining = true;
        try {
            while (current == protocol && current.hasReady()) {
                Ready ready = current.ready();
                carryOut(ready);
                current.advance(ready);
                if (durableReportDue && current == protocol) {
                    durableReportDue = false;
                    reportDurable();
                }
            }
        } finally {
            draining = false;
        }
    }

    private void carryOut(Ready ready) {
        SimTxnLog log = disk.log();
        if (ready.truncateAfterZxid() != -1) {
            truncate(ready.truncateAfterZxid());
        }
        if (ready.snapshotToInstall() != null) {
            install(ready.snapshotToInstall());
        }
        if (!ready.toPersist().isEmpty()) {
            for (LogEntry entry : ready.toPersist()) {
                log.append(entry);
            }
            if (!syncInFlight) {
                startSync();
            }
        }
        for (Outbound out : ready.messages()) {
            network.send(id, out.to(), out.message());
        }
        for (LogEntry entry : ready.committed()) {
            long payloadHash = TraceHash.hashBytes(entry.payload());
            trace.record(TraceHash.Kind.COMMITTED, queue.now(), id, entry.zxid(), payloadHash);
            history.add(new SimEvent.Committed(queue.now(), id, entry.zxid(), payloadHash));
            committedCount++;
            Object result = apply(entry, payloadHash, false);
            for (NodeListener listener : listeners) {
                listener.onApplied(id, entry, result);
            }
        }
        for (AppMessage message : ready.appMessages()) {
            for (NodeListener listener : listeners) {
                listener.onAppMessage(id, message);
            }
        }
        for (long token : ready.readBarriersSatisfied()) {
            for (NodeListener listener : listeners) {
                listener.onReadBarrier(id, token);
            }
        }
        for (long token : ready.readBarriersRefused()) {
            for (NodeListener listener : listeners) {
                listener.onReadBarrierRefused(id, token);
            }
        }
        if (ready.leadership() != null) {
            leadership = ready.leadership();
            trace.record(TraceHash.Kind.LEADERSHIP, queue.now(), id, leadership.epoch(),
                    leadership.role().ordinal() * 1_000_003L + leadership.leaderId());
            history.add(new SimEvent.LeadershipChanged(queue.now(), id, leadership.epoch(), leadership.role(),
                    leadership.leaderId()));
            for (NodeListener listener : listeners) {
                listener.onLeadership(id, leadership);
            }
        }
    }

    private Object apply(LogEntry entry, long payloadHash, boolean replayed) {
        Object result = stateMachine.apply(entry);
        lastAppliedZxid = entry.zxid();
        long digest = stateMachine.digest();
        trace.record(TraceHash.Kind.APPLIED, queue.now(), id, entry.zxid(), digest);
        history.add(new SimEvent.Applied(queue.now(), id, entry.zxid(), payloadHash, digest, replayed));
        return result;
    }

    /**
     * Cuts the log. The cut is durable at once (as in the real logs), which may make earlier unsynced
     * appends durable too: the protocol hears of that after this Ready. When the cut goes below what the
     * state machine applied (a replayed tail the new leader never committed), the state machine is rebuilt
     * from the log, as ZooKeeper reloads its database on TRUNC.
     */
    private void truncate(long afterZxid) {
        SimTxnLog log = disk.log();
        if (afterZxid < newestSnapshotZxid()) {
            throw new IllegalStateException("node " + id + " asked to truncate after 0x" + Long.toHexString(afterZxid)
                    + ", below its installed snapshot 0x" + Long.toHexString(newestSnapshotZxid()));
        }
        log.truncateAfter(afterZxid);
        reportedDurableZxid = Math.min(reportedDurableZxid, afterZxid);
        if (durableZxid() > reportedDurableZxid) {
            durableReportDue = true;
        }
        boolean rebuild = afterZxid < lastAppliedZxid;
        trace.record(TraceHash.Kind.TRUNCATE, queue.now(), id, afterZxid, rebuild ? 1 : 0);
        if (rebuild) {
            recoverStateMachine(afterZxid);
        }
        history.add(new SimEvent.Truncated(queue.now(), id, afterZxid, rebuild, lastAppliedZxid));
    }

    /**
     * A new state machine from what the disk holds, as the server's Recovery does: the newest snapshot at or
     * below {@code upToZxid} (if any), then every logged entry after it.
     */
    private void recoverStateMachine(long upToZxid) {
        stateMachine = stateMachineFactory.get();
        lastAppliedZxid = 0;
        long fromZxid = 0;
        for (SnapshotStore.Snapshot snapshot : disk.snapshots().newestFirst()) {
            if (snapshot.zxid() <= upToZxid) {
                stateMachine.restore(bytesOf(snapshot));
                lastAppliedZxid = snapshot.zxid();
                fromZxid = snapshot.zxid();
                break;
            }
        }
        Iterator<LogEntry> entries = disk.log().readAfter(fromZxid);
        while (entries.hasNext()) {
            LogEntry entry = entries.next();
            apply(entry, TraceHash.hashBytes(entry.payload()), true);
        }
    }

    /**
     * Replaces the applied state with a snapshot the leader sent (Zab's SNAP): stored durably first, then
     * restored; the log rolls and drops the segments the snapshot covers. The protocol then hears that
     * everything up to the snapshot is durable.
     */
    private void install(StateSnapshot snapshot) {
        try {
            disk.snapshots().save(snapshot.zxid(), out -> out.write(snapshot.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stateMachine = stateMachineFactory.get();
        stateMachine.restore(snapshot.bytes());
        lastAppliedZxid = snapshot.zxid();
        disk.log().roll();
        disk.log().purgeUpTo(snapshot.zxid());
        long digest = stateMachine.digest();
        trace.record(TraceHash.Kind.SNAPSHOT, queue.now(), id, snapshot.zxid(), digest);
        history.add(new SimEvent.SnapshotInstalled(queue.now(), id, snapshot.zxid(), digest));
        if (durableZxid() > reportedDurableZxid) {
            durableReportDue = true;
        }
    }

    /**
     * The node's state for a protocol that sends snapshots. Half the incarnations capture in the background, as
     * the server's driver does: the state is taken when asked and handed back after a while, during which the
     * node goes on applying (a capture racing with TRUNC, a crash or a lost leadership is part of the search).
     */
    private StateSnapshots stateSnapshots(boolean inBackground) {
        return new StateSnapshots() {
            @Override
            public StateSnapshot capture() {
                return captureState();
            }

            @Override
            public Optional<StateSnapshot> newestStored() {
                return newestStoredState();
            }

            @Override
            public boolean startCapture() {
                if (!inBackground) {
                    return false;
                }
                StateSnapshot snapshot = captureState();
                trace.record(TraceHash.Kind.SNAPSHOT, queue.now(), id, snapshot.zxid(), -1);
                onThisIncarnation(random.between(1, 3 * tickMillis),
                        () -> protocol.snapshotCaptured(snapshot, clock.millis()));
                return true;
            }
        };
    }

    private StateSnapshot captureState() {
        if (stateMachine == null) {
            throw new IllegalStateException("node " + id + " is down: no state to capture");
        }
        return new StateSnapshot(lastAppliedZxid, stateMachine.snapshot());
    }

    private static byte[] bytesOf(SnapshotStore.Snapshot snapshot) {
        try (InputStream in = snapshot.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory snapshot did not read", e);
        }
    }

    /** The newest snapshot on the node's disk, read back whole. */
    private Optional<StateSnapshot> newestStoredState() {
        List<SnapshotStore.Snapshot> stored = disk.snapshots().newestFirst();
        return stored.isEmpty() ? Optional.empty()
                : Optional.of(new StateSnapshot(stored.get(0).zxid(), bytesOf(stored.get(0))));
    }

    private long newestSnapshotZxid() {
        List<Long> stored = disk.snapshots().list();
        return stored.isEmpty() ? 0 : stored.get(0);
    }

    /** Everything up to here is durable: the synced log, or an installed snapshot beyond it. */
    private long durableZxid() {
        return Math.max(disk.log().durableZxid(), newestSnapshotZxid());
    }

    /** Issues one fsync covering every append so far; when it completes, the next one covers the rest. */
    private void startSync() {
        syncInFlight = true;
        long covers = disk.log().writeSequence();
        long syncIncarnation = incarnation;
        queue.after(fsyncLatency.sample(random), () -> {
            if (incarnation != syncIncarnation) {
                return; // the crash already decided what of these appends survived
            }
            disk.log().markDurableThrough(covers);
            syncInFlight = false;
            runOrHold(this::reportDurable);
            if (disk.log().hasUnsynced() && !syncInFlight) {
                startSync();
            }
        });
    }

    private void reportDurable() {
        long durable = durableZxid();
        if (durable > reportedDurableZxid) {
            reportedDurableZxid = durable;
            trace.record(TraceHash.Kind.PERSISTED, queue.now(), id, durable, 0);
            history.add(new SimEvent.Persisted(queue.now(), id, durable));
            protocol.persisted(durable);
        }
    }

    // ---- what tests and checkers see ----

    public int id() {
        return id;
    }

    @Override
    public boolean up() {
        return up;
    }

    public boolean paused() {
        return paused;
    }

    @Override
    public long incarnation() {
        return incarnation;
    }

    /** The role last reported by the protocol; null while the node is down. */
    public Leadership leadership() {
        return leadership;
    }

    public long lastAppliedZxid() {
        return lastAppliedZxid;
    }

    /** The state machine's digest; 0 while the node is down. */
    public long digest() {
        return stateMachine == null ? 0 : stateMachine.digest();
    }

    /** Entries the protocol has handed this node as committed, over all its incarnations. */
    public long committedCount() {
        return committedCount;
    }

    public int crashes() {
        return crashes;
    }

    public SimDisk disk() {
        return disk;
    }

    /** The live protocol instance (null while down), for tests that look inside their own protocol. */
    public ConsensusProtocol protocol() {
        return protocol;
    }

    /** The live state machine (null while down). */
    public StateMachine stateMachine() {
        return stateMachine;
    }
}
