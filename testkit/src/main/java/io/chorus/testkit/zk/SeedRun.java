package io.chorus.testkit.zk;

import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.api.spi.Role;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnCodec;
import io.chorus.datatree.txn.TxnHeader;
import io.chorus.testkit.check.CheckResult;
import io.chorus.testkit.check.History;
import io.chorus.testkit.check.HistoryChecks;
import io.chorus.testkit.check.HistoryRecorder;
import io.chorus.testkit.check.StaleReadChecker;
import io.chorus.testkit.sim.FaultPreset;
import io.chorus.testkit.sim.ListenerSlot;
import io.chorus.testkit.sim.ProtocolFactory;
import io.chorus.testkit.sim.SimEvent;
import io.chorus.testkit.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One seed of a ZooKeeper-level simulation: an ensemble running {@code protocol} under the real data
 * tree and the server's request pipeline, {@link ZkClients} busy throughout, the preset's faults during
 * the safety phase, then healing and a bounded wait for progress; then every checker over the recorded
 * history. Deterministic: the same seed and settings give the same verdicts.
 */
public final class SeedRun {
    /**
     * @param nodes          ensemble size
     * @param clients        simulated clients
     * @param safetyMillis   simulated time with faults and clients
     * @param livenessMillis bound on reaching progress once everything has healed
     * @param faults         the fault preset
     * @param mixedReads     clients' reads ask for every read consistency at random, not only LOCAL
     * @param leaderReads    how leaders confirm LINEARIZABLE reads (a lease allows {@link #LEASE_DRIFT_MILLIS})
     */
    public record Settings(int nodes, int clients, long safetyMillis, long livenessMillis, FaultPreset faults,
            boolean mixedReads, LeaderReadMode leaderReads) {
        public static Settings defaults() {
            return new Settings(3, 5, 10_000, 10_000, FaultPreset.DEFAULT, false, LeaderReadMode.READ_INDEX);
        }

        public Settings withNodes(int count) {
            return new Settings(count, clients, safetyMillis, livenessMillis, faults, mixedReads, leaderReads);
        }

        public Settings withFaults(FaultPreset preset) {
            return new Settings(nodes, clients, safetyMillis, livenessMillis, preset, mixedReads, leaderReads);
        }

        /** Reads of every consistency, linearizable ones confirmed as {@code mode} says. */
        public Settings withMixedReads(LeaderReadMode mode) {
            return new Settings(nodes, clients, safetyMillis, livenessMillis, faults, true, mode);
        }
    }

    /** The clock-drift allowance of simulated leases: the simulator's clocks agree, so any will do. */
    public static final long LEASE_DRIFT_MILLIS = 10;

    /**
     * What a seed came to: the checkers that failed (with their counterexamples), those that could not
     * decide within their budget, whether the cluster made progress after healing, the trace hash, and per read
     * consistency how many reads were judged and found stale ({@link StaleReadChecker}).
     */
    public record Verdict(long seed, List<CheckResult> violations, List<CheckResult> inconclusive, boolean live,
            List<Integer> laggingNodes, long traceHash, int operations, String invariantBroken,
            Map<ReadConsistency, StaleReadChecker.Counts> reads) {
        public boolean ok() {
            return violations.isEmpty() && live && invariantBroken == null;
        }

        /** Readable: what failed and why. */
        public String describe() {
            StringBuilder out = new StringBuilder();
            if (invariantBroken != null) {
                out.append("invariant: ").append(invariantBroken).append('\n');
                return out.toString();
            }
            if (!live) {
                out.append("liveness: after healing, nodes ").append(laggingNodes)
                        .append(" committed nothing new within the bound\n");
            }
            for (CheckResult violation : violations) {
                out.append(violation).append('\n');
            }
            return out.toString();
        }
    }

    private SeedRun() {
    }

    /** Runs one seed; {@code tune} may adjust the simulation (network, disk) before it is built. */
    public static Verdict run(long seed, Settings settings, ProtocolFactory protocol,
            UnaryOperator<Simulation.Builder> tune) {
        HistoryRecorder recorder = new HistoryRecorder();
        ListenerSlot slot = new ListenerSlot();
        Simulation sim = tune.apply(Simulation.builder().seed(seed).nodes(settings.nodes()).protocol(protocol)
                .stateMachine(TreeStateMachine::new).faults(settings.faults()).listener(slot)).build();
        sim.history().subscribe(event -> record(recorder, event));
        ZkClients clients = new ZkClients(sim, recorder, settings.clients(), settings.mixedReads());
        slot.set(clients.listener());
        clients.start();
        Simulation.Outcome outcome;
        try {
            outcome = sim.run(settings.safetyMillis(), settings.livenessMillis(), SeedRun::marker);
        } catch (IllegalStateException | IllegalArgumentException | AssertionError e) {
            // A protocol or the tree refused to go on because an invariant broke: the run found a bug.
            return new Verdict(seed, List.of(), List.of(), false, List.of(), sim.traceHash(), 0,
                    e.getClass().getSimpleName() + ": " + e.getMessage() + " (at " + sim.now() + " ms, in "
                            + e.getStackTrace()[0] + ")", Map.of());
        }
        clients.stop();
        History history = recorder.build(settings.nodes(), outcome.liveness().progressed());
        List<CheckResult> violations = new ArrayList<>();
        List<CheckResult> inconclusive = new ArrayList<>();
        for (CheckResult result : HistoryChecks.standard().run(history)) {
            if (result.failed()) {
                violations.add(result);
            } else if (!result.passed()) {
                inconclusive.add(result);
            }
        }
        return new Verdict(seed, violations, inconclusive, outcome.liveness().progressed(),
                outcome.liveness().laggingNodes(), outcome.traceHash(), history.ops().size(), null, new StaleReadChecker().count(history));
    }

    /** A liveness marker the tree applies without changing anything: a check of the root, any version. */
    static byte[] marker(long n) {
        return TxnCodec.encode(new Txn(new TxnHeader(0, (int) n, 0, List.of()), new TxnBody.Check("/", -1)));
    }

    private static void record(HistoryRecorder recorder, SimEvent event) {
        if (event instanceof SimEvent.Applied applied && !applied.replayed()) {
            recorder.delivered(applied.node(), applied.atMillis(), applied.zxid(), applied.payloadHash(),
                    applied.digest());
        } else if (event instanceof SimEvent.LeadershipChanged change && change.role() == Role.LEADER) {
            recorder.leaderEstablished(change.node(), change.atMillis(), change.epoch());
        } else if (event instanceof SimEvent.Crashed crashed) {
            recorder.crashed(crashed.node(), crashed.atMillis());
        } else if (event instanceof SimEvent.Restarted restarted) {
            recorder.recovered(restarted.node(), restarted.atMillis(), restarted.lastLoggedZxid());
        } else if (event instanceof SimEvent.Truncated truncated && truncated.rebuilt()) {
            recorder.recovered(truncated.node(), truncated.atMillis(), truncated.appliedZxid());
        } else if (event instanceof SimEvent.SnapshotInstalled installed) {
            recorder.recovered(installed.node(), installed.atMillis(), installed.zxid());
        }
    }
}
