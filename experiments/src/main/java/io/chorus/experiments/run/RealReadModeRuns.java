package io.chorus.experiments.run;

import io.chorus.api.ReadConsistency;
import io.chorus.testkit.zk.TimedOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The read-mode runs on real processes: one ensemble per system and per way of confirming LINEARIZABLE reads
 * (the LINEARIZABLE-LEASE runs get an ensemble of their own, configured for leases), started once for all of its
 * runs, {@link #WARM_UP_MILLIS} of warm-up load in the modes it will serve (not recorded), then each run's
 * clients for its window. Apache ZooKeeper has neither LEADER nor LINEARIZABLE reads: those runs are recorded as
 * not served without asking; a Chorus build that refuses a mode is found by one probing read and its runs are
 * recorded as not served.
 */
public final class RealReadModeRuns {
    /**
     * Load on a fresh ensemble before anything is recorded. A second was not enough: on two cores the first runs on
     * a fresh ensemble served a third to a half of the reads per second of the same runs repeated a few seconds
     * later (whatever the mode), which made a mode run on an ensemble of its own (LINEARIZABLE-LEASE) look slower
     * than the same reads after other runs had warmed their ensemble.
     */
    public static final long WARM_UP_MILLIS = 5_000;

    private RealReadModeRuns() {
    }

    public static void run(List<RunSpec> specs, Consumer<RunRecord> done) {
        Map<String, List<RunSpec>> byEnsemble = new LinkedHashMap<>();
        for (RunSpec spec : specs) {
            // ZooKeeper has no such setting (nor LINEARIZABLE reads): one ensemble for all of its runs
            String key = spec.system() + "/" + spec.ensembleSize() + (spec.chorus() ? "/" + spec.leaderReads() : "");
            byEnsemble.computeIfAbsent(key, k -> new ArrayList<>()).add(spec);
        }
        for (List<RunSpec> runs : byEnsemble.values()) {
            RunSpec first = runs.get(0);
            try (RealEnsemble ensemble = RealEnsemble.start(first.system(), first.ensembleSize(),
                    first.leaderReads())) {
                Map<ReadMode, String> refused = new LinkedHashMap<>();
                List<ReadConsistency> served = new ArrayList<>();
                for (RunSpec spec : runs) {
                    if (!refused.containsKey(spec.mode())) {
                        String refusal = refusal(ensemble, spec.system(), spec.mode());
                        refused.put(spec.mode(), refusal);
                        if (refusal == null) {
                            served.add(spec.mode().consistency());
                        }
                    }
                }
                // warmed up in the modes it will serve, so that an ensemble started for one mode is no colder there
                RealWorkload.run(ensemble.target(), first.clients(), 0.5,
                        served.isEmpty() ? List.of(ReadConsistency.LOCAL) : served, WARM_UP_MILLIS, first.seed());
                for (RunSpec spec : runs) {
                    String refusal = refused.get(spec.mode());
                    if (refusal != null) {
                        done.accept(new RunRecord(spec, List.of(), 0, 1, List.of(), refusal));
                        continue;
                    }
                    done.accept(runOne(ensemble.target(), spec));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("real-process runs of " + first.system() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    static RunRecord runOne(RealWorkload.Target target, RunSpec spec) throws InterruptedException {
        long start = System.nanoTime() / 1_000;
        List<TimedOp> ops = RealWorkload.run(target, spec.clients(), spec.readPercent() / 100.0,
                List.of(spec.mode().consistency()), spec.durationMillis(), spec.seed());
        return new RunRecord(spec, ops, start, start + spec.durationMillis() * 1_000, List.of(), null);
    }

    private static String refusal(RealEnsemble ensemble, String system, ReadMode mode) {
        if (system.equals("zookeeper") && (mode.consistency() == ReadConsistency.LEADER
                || mode.consistency() == ReadConsistency.LINEARIZABLE)) {
            return "Apache ZooKeeper has no " + mode.consistency() + " reads";
        }
        try {
            return RealWorkload.refusal(ensemble.target(), mode.consistency());
        } catch (IOException e) {
            return "no server answered a probing " + mode + " read: " + e.getMessage();
        }
    }
}
