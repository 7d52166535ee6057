package io.chorus.bench;

import io.chorus.bench.ensemble.Ensemble;
import io.chorus.bench.ensemble.EnsembleResult;
import io.chorus.bench.ensemble.EnsembleType;
import io.chorus.bench.ensemble.FailoverResult;
import io.chorus.bench.ensemble.FailoverRun;
import io.chorus.bench.load.LoadResult;
import io.chorus.bench.load.LoadSpec;
import io.chorus.bench.load.Workload;
import io.chorus.bench.load.WorkloadSeries;
import io.chorus.bench.process.BenchException;
import io.chorus.bench.process.ChildJvm;
import io.chorus.bench.process.RunCleanup;
import io.chorus.bench.report.ServerOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ensemble counterpart of {@link SideBySide}: for each server kind in turn, starts an N-node ensemble
 * (every node its own JVM, data directory and myid), waits until it has a leader and every follower, runs
 * the load workloads with session i on server i mod N only, then the failover rounds, and stops it. One kind
 * at a time, so they never compete for the machine; a kind that fails yields a failed outcome and the next
 * still runs; every child is dead and every directory gone when {@link #run} returns.
 */
public final class EnsembleBench {
    /** How long a fresh ensemble may take to elect a leader and have every follower join. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final List<EnsembleType> types;
    private final int size;
    private final ChildJvm jvm;
    private final PrintWriter progress;

    public EnsembleBench(List<EnsembleType> types, int size, ChildJvm jvm, PrintWriter progress) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        this.types = List.copyOf(types);
        this.size = size;
        this.jvm = jvm;
        this.progress = progress;
    }

    /** Runs {@code workloads}, then (when {@code failovers} > 0) that many failover rounds, per kind. */
    public List<ServerOutcome<EnsembleResult>> run(LoadSpec spec, List<Workload> workloads, int failovers) {
        List<ServerOutcome<EnsembleResult>> outcomes = new ArrayList<>();
        try (RunCleanup cleanup = new RunCleanup()) {
            for (EnsembleType type : types) {
                outcomes.add(runOne(type, spec, workloads, failovers, cleanup));
            }
        }
        return outcomes;
    }

    private ServerOutcome<EnsembleResult> runOne(EnsembleType type, LoadSpec spec, List<Workload> workloads,
            int failovers, RunCleanup cleanup) {
        String name = type.displayName();
        progress.printf("%s: starting a %d-node ensemble (-Xmx%s each)%n", name, size, jvm.maxHeap());
        Path runDir = cleanup.newDirectory("chorus-bench-ensemble-");
        try (Ensemble ensemble = Ensemble.start(type, size, jvm, runDir, cleanup)) {
            long started = System.nanoTime();
            ensemble.awaitWhole(START_TIMEOUT);
            progress.printf("%s: whole after %,d ms, leader %s, nodes %s%n", name,
                    (System.nanoTime() - started) / 1_000_000,
                    ensemble.leader().map(Object::toString).orElse("?"), ensemble.perNodeConnectStrings());
            List<LoadResult> loads = workloads.isEmpty() ? List.of()
                    : new WorkloadSeries(spec, progress).run(ensemble.perNodeConnectStrings(), workloads);
            if (failovers <= 0) {
                return ServerOutcome.succeeded(name, new EnsembleResult(loads, null, null));
            }
            try {
                FailoverResult failover = new FailoverRun(ensemble, failovers, spec.sessions(),
                        WorkloadSeries.value(spec.valueBytes()), progress).run();
                return ServerOutcome.succeeded(name, new EnsembleResult(loads, failover, null));
            } catch (BenchException e) {
                progress.printf("%s: failover failed: %s%n", name, e.getMessage());
                return ServerOutcome.succeeded(name, new EnsembleResult(loads, null, e.getMessage()));
            }
        } catch (BenchException e) {
            progress.printf("%s: failed: %s%n", name, e.getMessage());
            return ServerOutcome.failed(name, e.getMessage());
        } finally {
            RunCleanup.deleteRecursively(runDir);
        }
    }
}
