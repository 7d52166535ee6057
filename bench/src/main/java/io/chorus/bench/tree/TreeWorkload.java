package io.chorus.bench.tree;

import io.chorus.bench.load.BulkCreate;
import io.chorus.bench.load.KeySpace;
import io.chorus.bench.load.SessionGroup;
import io.chorus.bench.process.BenchException;
import io.chorus.bench.process.ChildJvm;
import io.chorus.bench.process.HeapProbe;
import io.chorus.bench.process.Loopback;
import io.chorus.bench.process.NewestSnapshot;
import io.chorus.bench.process.ReadinessProbe;
import io.chorus.bench.process.RunCleanup;
import io.chorus.bench.process.ServerProcess;
import io.chorus.bench.process.ServerType;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a tree into a freshly started server and measures it: the bulk-create rate, heap per znode
 * (live heap right after a full GC, loaded minus empty, over N; see {@link HeapProbe}), then SIGKILL
 * and a restart on the same data directory timed from process start to the first read of the last
 * node, then the newest snapshot (asked of the restarted server, or read from its files) and all the
 * snapshot files on disk.
 */
public final class TreeWorkload {
    /** How long an empty server may take to start serving. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    /** How long a loaded server may take to recover after SIGKILL. */
    static final Duration RESTART_TIMEOUT = Duration.ofMinutes(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Snapshot files named in the progress output; the rest are counted. */
    static final int SNAPSHOTS_PRINTED = 3;

    private final TreeSpec spec;
    private final ChildJvm jvm;
    private final RunCleanup cleanup;
    private final PrintWriter progress;

    public TreeWorkload(TreeSpec spec, ChildJvm jvm, RunCleanup cleanup, PrintWriter progress) {
        this.spec = spec;
        this.jvm = jvm;
        this.cleanup = cleanup;
        this.progress = progress;
    }

    public TreeResult run(ServerType type) {
        Path runDir = cleanup.newDirectory("chorus-bench-tree-");
        Path dataDir = runDir.resolve("data");
        HeapProbe heap = new HeapProbe(jvm.jcmd(), runDir);
        TreeLayout layout = new TreeLayout(spec.nodes(), spec.parents());
        double createsPerSecond;
        long heapEmpty;
        long heapLoaded;
        try (ServerProcess server = ServerProcess.start(type, jvm, dataDir, runDir, cleanup)) {
            ReadinessProbe.awaitServing(server, null, START_TIMEOUT);
            progress.printf("  %s serving on port %d (pid %d)%n", type.displayName(), server.port(), server.pid());
            heapEmpty = heap.usedBytesAfterFullGc(server.pid());
            createsPerSecond = load(server, layout);
            heapLoaded = heap.usedBytesAfterFullGc(server.pid());
            progress.printf("  heap after full GC: %,d bytes empty, %,d bytes loaded%n", heapEmpty, heapLoaded);
            server.kill();
        }
        Restarted restarted = restart(type, dataDir, runDir, layout);
        TreeResult result = new TreeResult(spec.nodes(), createsPerSecond, heapEmpty, heapLoaded,
                restarted.newestSnapshot(), type.newestSnapshotMeasure(), snapshotFilesBytes(type, dataDir),
                type.snapshotFilesMeasure(), snapshots(type, dataDir), restarted.millis());
        progress.printf("  newest snapshot of %s: %s; snapshot files, newest first: %s%n", type.displayName(),
                result.newestSnapshot() == null ? "none" : result.newestSnapshot(),
                result.describeSnapshots(SNAPSHOTS_PRINTED));
        return result;
    }

    /** Creates the parents, then the nodes; returns the nodes' creation rate per second. */
    private double load(ServerProcess server, TreeLayout layout) {
        TreeValues values = new TreeValues(spec.values(), spec.valueBytes());
        try (SessionGroup sessions = SessionGroup.open(server.connectString(), spec.sessions(), CONNECT_TIMEOUT,
                spec.transport())) {
            KeySpace.ensureExists(sessions.get(0), TreeLayout.ROOT);
            BulkCreate creates = new BulkCreate(sessions, spec.inFlightMax(), false, progress);
            creates.run("parents", spec.parents(), layout::parent, new byte[0]);
            long startNanos = System.nanoTime();
            creates.run("nodes", spec.nodes(), layout::node, values);
            long elapsedNanos = System.nanoTime() - startNanos;
            double rate = spec.nodes() * 1e9 / elapsedNanos;
            progress.printf("  created %,d nodes (%s values) in %,d ms: %,.0f creates/s%n", spec.nodes(),
                    spec.values().label(), elapsedNanos / 1_000_000, rate);
            return rate;
        }
    }

    /** How the restart went: its time to the first read, and the newest snapshot the server then had. */
    private record Restarted(long millis, NewestSnapshot newestSnapshot) {
    }

    /**
     * Starts the server again on its data directory, times it to the first read of the last node, then,
     * while it serves, asks for its newest snapshot.
     */
    private Restarted restart(ServerType type, Path dataDir, Path runDir, TreeLayout layout) {
        try (ServerProcess server = ServerProcess.start(type, jvm, dataDir, runDir, cleanup)) {
            long servedNanos = ReadinessProbe.awaitServing(server, layout.lastNode(), RESTART_TIMEOUT);
            long millis = (servedNanos - server.startedNanos()) / 1_000_000;
            progress.printf("  restarted after SIGKILL: %s readable %,d ms after process start%n",
                    layout.lastNode(), millis);
            return new Restarted(millis, newestSnapshot(type, dataDir, server));
        }
    }

    private static NewestSnapshot newestSnapshot(ServerType type, Path dataDir, ServerProcess server) {
        try {
            return type.newestSnapshot(dataDir, new InetSocketAddress(Loopback.HOST, server.port())).orElse(null);
        } catch (IOException e) {
            throw new BenchException("cannot learn the newest snapshot of " + server + ": " + e.getMessage(), e);
        }
    }

    private static long snapshotFilesBytes(ServerType type, Path dataDir) {
        try {
            return type.snapshotFilesBytes(dataDir);
        } catch (IOException e) {
            throw new BenchException("cannot measure the snapshots in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static List<TreeResult.SnapshotFile> snapshots(ServerType type, Path dataDir) {
        try {
            List<TreeResult.SnapshotFile> found = new ArrayList<>();
            for (Path file : type.snapshotFiles(dataDir)) {
                found.add(new TreeResult.SnapshotFile(dataDir.relativize(file).toString(), Files.size(file)));
            }
            return found;
        } catch (IOException e) {
            throw new BenchException("cannot list the snapshots in " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
