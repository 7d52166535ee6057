package io.chorus.bench;

import io.chorus.bench.load.LoadResult;
import io.chorus.bench.load.LoadSpec;
import io.chorus.bench.load.Workload;
import io.chorus.bench.load.WorkloadSeries;
import io.chorus.bench.process.BenchException;
import io.chorus.bench.process.ChildJvm;
import io.chorus.bench.process.ReadinessProbe;
import io.chorus.bench.process.RunCleanup;
import io.chorus.bench.process.ServerProcess;
import io.chorus.bench.process.ServerType;
import io.chorus.bench.report.ServerOutcome;
import io.chorus.bench.tree.TreeResult;
import io.chorus.bench.tree.TreeSpec;
import io.chorus.bench.tree.TreeWorkload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same benchmark against each server in turn, one at a time so they never compete for the
 * machine: start it in a child JVM on a fresh data directory, run, stop it, delete its directory. A
 * server that fails yields a failed outcome and the next one still runs; every child is dead and every
 * directory gone when a method returns, whatever happened.
 */
public final class SideBySide {
    /** How long an empty server may take to start serving. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final List<ServerType> servers;
    private final ChildJvm jvm;
    private final PrintWriter progress;

    public SideBySide(List<ServerType> servers, ChildJvm jvm, PrintWriter progress) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        this.servers = List.copyOf(servers);
        this.jvm = jvm;
        this.progress = progress;
    }

    public List<ServerOutcome<List<LoadResult>>> load(LoadSpec spec, List<Workload> workloads) {
        List<ServerOutcome<List<LoadResult>>> outcomes = new ArrayList<>();
        try (RunCleanup cleanup = new RunCleanup()) {
            for (ServerType type : servers) {
                outcomes.add(loadOne(type, spec, workloads, cleanup));
            }
        }
        return outcomes;
    }

    private ServerOutcome<List<LoadResult>> loadOne(ServerType type, LoadSpec spec, List<Workload> workloads,
            RunCleanup cleanup) {
        progress.printf("%s: starting (-Xmx%s)%n", type.displayName(), jvm.maxHeap());
        Path runDir = cleanup.newDirectory("chorus-bench-load-");
        try (ServerProcess server = ServerProcess.start(type, jvm, runDir.resolve("data"), runDir, cleanup)) {
            ReadinessProbe.awaitServing(server, null, START_TIMEOUT);
            progress.printf("%s: serving on port %d (pid %d)%n", type.displayName(), server.port(), server.pid());
            List<LoadResult> results = new WorkloadSeries(spec, progress).run(server.connectString(), workloads);
            return ServerOutcome.succeeded(type.displayName(), results);
        } catch (BenchException e) {
            progress.printf("%s: failed: %s%n", type.displayName(), e.getMessage());
            return ServerOutcome.failed(type.displayName(), e.getMessage());
        } finally {
            RunCleanup.deleteRecursively(runDir);
        }
    }

    public List<ServerOutcome<TreeResult>> tree(TreeSpec spec) {
        List<ServerOutcome<TreeResult>> outcomes = new ArrayList<>();
        try (RunCleanup cleanup = new RunCleanup()) {
            for (ServerType type : servers) {
                progress.printf("%s: tree of %,d znodes (-Xmx%s)%n", type.displayName(), spec.nodes(), jvm.maxHeap());
                try {
                    TreeResult result = new TreeWorkload(spec, jvm, cleanup, progress).run(type);
                    outcomes.add(ServerOutcome.succeeded(type.displayName(), result));
                } catch (BenchException e) {
                    progress.printf("%s: failed: %s%n", type.displayName(), e.getMessage());
                    outcomes.add(ServerOutcome.failed(type.displayName(), e.getMessage()));
                }
            }
        }
        return outcomes;
    }
}
