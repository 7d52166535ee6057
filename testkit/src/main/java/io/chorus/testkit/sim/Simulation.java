package io.chorus.testkit.sim;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.ProposeOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A whole simulated ensemble in one thread, from one seed: nodes 1..N each driving a protocol built by the
 * {@link ProtocolFactory}, a {@link SimNetwork} between them, a {@link SimDisk} each, and a virtual clock.
 * The same seed and the same calls give the same run, byte for byte ({@link #traceHash()}).
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder().seed(7).nodes(3).protocol(MyProtocol::new)
 *         .stateMachine(LogDigestStateMachine::new).faults(FaultPreset.DEFAULT).build();
 * sim.every(1, () -> sim.propose(sim.randomNode(), payload()));   // a busy workload
 * Simulation.Outcome outcome = sim.run(10_000, 5_000);             // safety phase, then liveness
 * checkers.check(sim.history());
 * }</pre>
 */
public final class Simulation {
    private final long seed;
    private final EventQueue queue = new EventQueue();
    private final SimClock clock = new SimClock(queue);
    private final TraceHash trace = new TraceHash();
    private final SimHistory history = new SimHistory();
    private final SimNetwork network;
    private final TreeMap<Integer, SimNode> nodes = new TreeMap<>();
    private final SimRandom faultRandom;
    private final SimRandom workloadRandom;
    private final FaultPreset preset;
    private final double baseLossRate;
    private final double baseDuplicateRate;
    private boolean started;
    private Set<Long> awaitedMarkers;
    private final Set<Integer> nodesThatCommittedAMarker = new HashSet<>();

    private Simulation(Builder b) {
        this.seed = b.seed;
        this.preset = b.preset;
        SimRandom root = new SimRandom(b.seed);
        SimRandom networkRandom = root.split();
        this.faultRandom = root.split();
        this.workloadRandom = root.split();
        if (b.keepTraceText) {
            trace.keepText();
        }
        network = new SimNetwork(queue, networkRandom, trace, b.fingerprint);
        network.setDelay(b.messageDelay != null ? b.messageDelay : preset.messageDelay());
        network.setFifoLinks(b.fifoLinks);
        network.setDuplicatesAllowed(b.duplicatesAllowed);
        network.setChannels(b.channelOf, b.connectionChannel);
        baseLossRate = b.lossRate != null ? b.lossRate : preset.baseLossRate();
        baseDuplicateRate = b.duplicateRate != null ? b.duplicateRate : preset.baseDuplicateRate();
        network.setLossRate(baseLossRate);
        network.setDuplicateRate(baseDuplicateRate);
        List<NodeListener> listeners = new ArrayList<>(b.listeners);
        listeners.add(new MarkerWatch());
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id <= b.nodeCount; id++) {
            ids.add(id);
        }
        DelayDistribution fsync = b.fsyncLatency != null ? b.fsyncLatency : preset.fsyncLatency();
        DiskFaults diskFaults = b.diskFaults != null ? b.diskFaults : preset.diskFaults();
        for (int id : ids) {
            SimNode node = new SimNode(id, ids, queue, clock, network, trace, history,
                    Objects.requireNonNull(b.protocol, "protocol factory"),
                    Objects.requireNonNull(b.stateMachine, "state machine factory"), root.split(), b.tickMillis,
                    fsync, diskFaults, Collections.unmodifiableList(listeners));
            nodes.put(id, node);
            network.attach(id, node);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- running ----

    /** Starts every node at the current time (once; the run methods call it if needed). */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        for (SimNode node : nodes.values()) {
            node.restart();
        }
    }

    /** Runs {@code millis} of simulated time. */
    public void runFor(long millis) {
        start();
        queue.runUntil(queue.now() + millis);
    }

    /** Runs until {@code condition} holds (checked after every event) or {@code maxMillis} pass; says which. */
    public boolean runUntil(BooleanSupplier condition, long maxMillis) {
        start();
        long deadline = queue.now() + maxMillis;
        while (!condition.getAsBoolean()) {
            if (!queue.runNextDue(deadline)) {
                queue.runUntil(deadline);
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /**
     * The standard run of a seed: the preset's faults during {@code safetyMillis}, then everything heals and
     * the cluster must commit a marker entry on every node within {@code livenessBoundMillis}.
     */
    public Outcome run(long safetyMillis, long livenessBoundMillis) {
        return run(safetyMillis, livenessBoundMillis, Simulation::markerPayload);
    }

    /** As {@link #run(long, long)}, with marker payloads the state machine can apply (see {@link #awaitProgress}). */
    public Outcome run(long safetyMillis, long livenessBoundMillis, LongFunction<byte[]> marker) {
        start();
        FaultSchedule schedule = FaultSchedule.generate(preset, nodeIds(), queue.now(), queue.now() + safetyMillis,
                faultRandom);
        schedule.scheduleOn(this);
        queue.runUntil(schedule.safetyMillis());
        Liveness liveness = awaitProgress(livenessBoundMillis, marker);
        return new Outcome(seed, schedule, liveness, trace.value());
    }

    /**
     * Proposes marker entries (at each up node in turn, every 100 ms, so a forwarded one lost in a lingering
     * fault is retried) until every node has committed one of them, or {@code boundMillis} pass.
     * {@code marker} makes the n-th marker's payload: it must be something the state machine can apply.
     */
    public Liveness awaitProgress(long boundMillis, LongFunction<byte[]> marker) {
        start();
        long began = queue.now();
        awaitedMarkers = new HashSet<>();
        nodesThatCommittedAMarker.clear();
        long[] proposed = {0};
        boolean[] done = {false};
        Runnable proposeNext = new Runnable() {
            @Override
            public void run() {
                if (done[0]) {
                    return;
                }
                List<Integer> ids = nodeIds();
                int id = ids.get((int) (proposed[0] % ids.size()));
                byte[] payload = marker.apply(proposed[0]++);
                awaitedMarkers.add(TraceHash.hashBytes(payload));
                propose(id, payload);
                queue.after(100, this);
            }
        };
        queue.after(0, proposeNext);
        boolean progressed = runUntil(() -> nodesThatCommittedAMarker.size() == nodes.size(), boundMillis);
        done[0] = true;
        awaitedMarkers = null;
        List<Integer> lagging = new ArrayList<>();
        for (int id : nodes.keySet()) {
            if (!nodesThatCommittedAMarker.contains(id)) {
                lagging.add(id);
            }
        }
        return new Liveness(progressed, queue.now() - began, lagging);
    }

    /** The default marker payload: "liveness-n" in UTF-8. */
    public static byte[] markerPayload(long n) {
        return ("liveness-" + n).getBytes(StandardCharsets.UTF_8);
    }

    private final class MarkerWatch implements NodeListener {
        @Override
        public void onApplied(int node, LogEntry entry, Object result) {
            if (awaitedMarkers != null && awaitedMarkers.contains(TraceHash.hashBytes(entry.payload()))) {
                nodesThatCommittedAMarker.add(node);
            }
        }
    }

    // ---- scheduling (the hooks for workloads and, later, simulated clients) ----

    public long now() {
        return queue.now();
    }

    public void at(long atMillis, Runnable action) {
        queue.at(atMillis, action);
    }

    public void after(long delayMillis, Runnable action) {
        queue.after(delayMillis, action);
    }

    /** Runs {@code action} every {@code periodMillis}, first one period from now, for as long as the run goes. */
    public void every(long periodMillis, Runnable action) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodMillis);
        }
        queue.after(periodMillis, new Runnable() {
            @Override
            public void run() {
                action.run();
                queue.after(periodMillis, this);
            }
        });
    }

    // ---- acting on nodes ----

    public ProposeOutcome propose(int node, byte[] payload) {
        start();
        return node(node).propose(payload);
    }

    public void crash(int node) {
        node(node).crash();
    }

    public void restart(int node) {
        node(node).restart();
    }

    /** Restarts {@code node} if it is down; does nothing if it is up. */
    public void restartIfDown(int node) {
        if (!node(node).up()) {
            node(node).restart();
        }
    }

    public void pause(int node, long durationMillis) {
        node(node).pause(durationMillis);
    }

    /** Heals the network, restores the base loss and duplication rates, restarts every crashed node. */
    public void healAll() {
        network.heal();
        network.setLossRate(baseLossRate);
        network.setDuplicateRate(baseDuplicateRate);
        for (SimNode node : nodes.values()) {
            if (!node.up()) {
                node.restart();
            }
        }
    }

    // ---- observing ----

    public long seed() {
        return seed;
    }

    public SimNode node(int id) {
        SimNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node " + id + "; nodes are " + nodes.keySet());
        }
        return node;
    }

    public List<SimNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<Integer> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    /** A node chosen with the workload's own random stream (which faults and the network never draw from). */
    public int randomNode() {
        List<Integer> ids = nodeIds();
        return ids.get(workloadRandom.nextInt(ids.size()));
    }

    /** The workload's random stream, for tests and clients that need more than {@link #randomNode()}. */
    public SimRandom workloadRandom() {
        return workloadRandom;
    }

    public SimNetwork network() {
        return network;
    }

    public SimHistory history() {
        return history;
    }

    public TraceHash trace() {
        return trace;
    }

    public long traceHash() {
        return trace.value();
    }

    public SimClock clock() {
        return clock;
    }

    /** The ids of nodes that currently believe they lead, ascending. */
    public Set<Integer> leaders() {
        Set<Integer> leaders = new TreeSet<>();
        for (SimNode node : nodes.values()) {
            if (node.up() && node.leadership() != null
                    && node.leadership().role() == io.chorus.api.spi.Role.LEADER) {
                leaders.add(node.id());
            }
        }
        return leaders;
    }

    // ---- results ----

    /** Whether every node committed a marker within the bound, how long it took, and who lagged. */
    public record Liveness(boolean progressed, long elapsedMillis, List<Integer> laggingNodes) {
        public Liveness {
            laggingNodes = List.copyOf(laggingNodes);
        }
    }

    /** What {@link #run} found: the schedule it ran (for reports) and the trace hash it ended with. */
    public record Outcome(long seed, FaultSchedule schedule, Liveness liveness, long traceHash) {
    }

    // ---- building ----

    /** Settings for a {@link Simulation}; anything left unset comes from the {@link FaultPreset}. */
    public static final class Builder {
        private long seed;
        private int nodeCount = 3;
        private ProtocolFactory protocol;
        private Supplier<? extends StateMachine> stateMachine = LogDigestStateMachine::new;
        private long tickMillis = 10;
        private FaultPreset preset = FaultPreset.NONE;
        private DelayDistribution messageDelay;
        private DelayDistribution fsyncLatency;
        private DiskFaults diskFaults;
        private Double lossRate;
        private Double duplicateRate;
        private ToLongFunction<PeerMessage> fingerprint = SimNetwork::classNameFingerprint;
        private final List<NodeListener> listeners = new ArrayList<>();
        private boolean keepTraceText;
        private boolean fifoLinks;
        private ToIntFunction<PeerMessage> channelOf = message -> 0;
        private int connectionChannel;
        private boolean duplicatesAllowed = true;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Nodes get ids 1..count. */
        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one node: " + count);
            }
            this.nodeCount = count;
            return this;
        }

        public Builder protocol(ProtocolFactory protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder stateMachine(Supplier<? extends StateMachine> stateMachine) {
            this.stateMachine = stateMachine;
            return this;
        }

        public Builder tickMillis(long tickMillis) {
            this.tickMillis = tickMillis;
            return this;
        }

        public Builder faults(FaultPreset preset) {
            this.preset = Objects.requireNonNull(preset);
            return this;
        }

        public Builder messageDelay(DelayDistribution delay) {
            this.messageDelay = delay;
            return this;
        }

        public Builder fsyncLatency(DelayDistribution latency) {
            this.fsyncLatency = latency;
            return this;
        }

        public Builder diskFaults(DiskFaults faults) {
            this.diskFaults = faults;
            return this;
        }

        public Builder lossRate(double rate) {
            this.lossRate = rate;
            return this;
        }

        public Builder duplicateRate(double rate) {
            this.duplicateRate = rate;
            return this;
        }

        /** What of each message goes into the trace hash; must be deterministic (see {@link SimNetwork}). */
        public Builder messageFingerprint(ToLongFunction<PeerMessage> fingerprint) {
            this.fingerprint = Objects.requireNonNull(fingerprint);
            return this;
        }

        public Builder listener(NodeListener listener) {
            this.listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Messages on one link arrive in the order they were sent, as over TCP (Zab assumes it). Combine with
         * {@link #noDuplicates()} for a protocol that also assumes no duplicates.
         */
        public Builder fifoLinks() {
            this.fifoLinks = true;
            return this;
        }

        /**
         * Each pair of nodes talks over several connections, one per channel {@code channelOf} names (Zab's votes
         * go over the election port, the rest over the quorum port): order is kept within a channel, not across
         * channels. Connection events travel with {@code connectionChannel}'s messages.
         */
        public Builder channels(ToIntFunction<PeerMessage> channelOf, int connectionChannel) {
            this.channelOf = Objects.requireNonNull(channelOf);
            this.connectionChannel = connectionChannel;
            return this;
        }

        /** No message is ever delivered twice, whatever rate the builder or a fault burst sets (TCP's promise). */
        public Builder noDuplicates() {
            this.duplicatesAllowed = false;
            return this;
        }

        /** Keeps a text line per trace record, to find where two runs of a seed diverge. */
        public Builder keepTraceText() {
            this.keepTraceText = true;
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }
    }
}
