package io.chorus.persistence;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.persistence.log.FileTxnLog;
import io.chorus.persistence.log.GroupCommitLimits;
import io.chorus.persistence.log.GroupCommitter;
import io.chorus.persistence.log.MapDbTxnLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Measures FileTxnLog against MapDbTxnLog behind a {@link GroupCommitter}: closed-loop submitters (each waits
 * for its entry to be durable before submitting the next, as a client waiting for its ack would) with
 * 100-byte payloads, reporting durable appends per second, fsyncs (groups) per second and append-to-durable
 * latency; then the latency of one append plus sync with no batching. A measurement, not a test: run its
 * {@code main} by hand (Surefire ignores it: no {@code @Test}).
 */
public final class LogThroughputComparison {
    private static final int PAYLOAD_BYTES = 100;
    private static final int[] SUBMITTER_COUNTS = {1, 16, 64};
    private static final Duration WARMUP = Duration.ofSeconds(1);
    private static final Duration MEASURED = Duration.ofSeconds(5);
    private static final int SINGLE_SYNC_SAMPLES = 1000;

    private LogThroughputComparison() {
    }

    private enum Kind {
        FILE, MAPDB;

        TxnLog open(Path dir) throws IOException {
            return this == FILE ? FileTxnLog.open(dir.resolve("log")) : MapDbTxnLog.open(dir.resolve("log.db"));
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("chorus-log-throughput");
        try {
            System.out.printf("%d-byte payloads, %d s measured after %d s warm-up, group commit defaults %s%n%n",
                    PAYLOAD_BYTES, MEASURED.toSeconds(), WARMUP.toSeconds(), GroupCommitLimits.defaults());
            System.out.printf("%-6s %10s %18s %10s %14s %9s %9s%n", "log", "submitters", "durable appends/s",
                    "fsyncs/s", "entries/fsync", "p50 ms", "p99 ms");
            for (Kind kind : Kind.values()) {
                for (int submitters : SUBMITTER_COUNTS) {
                    Path dir = root.resolve(kind + "-" + submitters);
                    try (TxnLog log = kind.open(dir)) {
                        new GroupCommitRun(log, submitters).measure().print(kind.name().toLowerCase(), submitters);
                    }
                }
            }
            System.out.printf("%nSingle append + sync, no group commit, %d samples:%n", SINGLE_SYNC_SAMPLES);
            System.out.printf("%-6s %10s %10s %10s%n", "log", "mean ms", "p50 ms", "p99 ms");
            for (Kind kind : Kind.values()) {
                try (TxnLog log = kind.open(root.resolve(kind + "-single"))) {
                    long[] nanos = singleSyncLatencies(log);
                    System.out.printf("%-6s %10.3f %10.3f %10.3f%n", kind.name().toLowerCase(),
                            Arrays.stream(nanos).average().orElse(0) / 1e6, percentile(nanos, 50) / 1e6,
                            percentile(nanos, 99) / 1e6);
                }
            }
        } finally {
            deleteRecursively(root);
        }
    }

    private static LogEntry entry(long zxid) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        new SplittableRandom(zxid).nextBytes(payload);
        return new LogEntry(zxid, payload);
    }

    private static long[] singleSyncLatencies(TxnLog log) throws IOException {
        long[] nanos = new long[SINGLE_SYNC_SAMPLES];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            log.append(entry(i + 1));
            log.sync();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** {@code sorted} must be sorted. */
    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Result(double appendsPerSecond, double syncsPerSecond, long[] sortedLatencyNanos) {
        void print(String kind, int submitters) {
            System.out.printf("%-6s %10d %18.0f %10.0f %14.1f %9.3f %9.3f%n", kind, submitters, appendsPerSecond,
                    syncsPerSecond, appendsPerSecond / Math.max(syncsPerSecond, 1e-9),
                    percentile(sortedLatencyNanos, 50) / 1e6, percentile(sortedLatencyNanos, 99) / 1e6);
        }
    }

    /** One measurement: closed-loop submitters sharing a group committer over one log. */
    private static final class GroupCommitRun {
        private final TxnLog log;
        private final int submitters;
        private final Object durableChanged = new Object();
        private long durableZxid;
        private long groups;
        private long nextZxid;
        private volatile boolean stopping;

        GroupCommitRun(TxnLog log, int submitters) {
            this.log = log;
            this.submitters = submitters;
        }

        Result measure() throws Exception {
            List<LatencySamples> latencies = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long measureFromNanos = System.nanoTime() + WARMUP.toNanos();
            try (GroupCommitter committer = new GroupCommitter(log, GroupCommitLimits.defaults(), this::durable)) {
                for (int i = 0; i < submitters; i++) {
                    LatencySamples samples = new LatencySamples();
                    Thread thread = new Thread(() -> submitLoop(committer, samples, measureFromNanos),
                            "submitter-" + i);
                    threads.add(thread);
                    latencies.add(samples);
                    thread.start();
                }
                Thread.sleep(WARMUP.toMillis()); // a benchmark phase, not a wait for a condition
                long[] start = snapshot();
                long startNanos = System.nanoTime();
                Thread.sleep(MEASURED.toMillis());
                long[] end = snapshot();
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                stopping = true;
                synchronized (durableChanged) {
                    durableChanged.notifyAll();
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                long[] merged = latencies.stream().map(LatencySamples::values).flatMapToLong(Arrays::stream)
                        .sorted().toArray();
                return new Result((end[0] - start[0]) / seconds, (end[1] - start[1]) / seconds, merged);
            }
        }

        private void durable(long zxid) {
            synchronized (durableChanged) {
                durableZxid = zxid;
                groups++;
                durableChanged.notifyAll();
            }
        }

        /** Durable entries so far (zxids are 1, 2, 3, ...) and groups synced so far. */
        private long[] snapshot() {
            synchronized (durableChanged) {
                return new long[] {durableZxid, groups};
            }
        }

        private void submitLoop(GroupCommitter committer, LatencySamples samples, long measureFromNanos) {
            try {
                while (!stopping) {
                    long start = System.nanoTime();
                    long zxid = submitNext(committer);
                    synchronized (durableChanged) {
                        while (durableZxid < zxid && !stopping) {
                            durableChanged.wait();
                        }
                    }
                    if (start >= measureFromNanos && !stopping) {
                        samples.add(System.nanoTime() - start);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Zxids are handed out and submitted under one lock: the committer needs them in order. */
        private synchronized long submitNext(GroupCommitter committer) {
            long zxid = ++nextZxid;
            if (!committer.submit(List.of(entry(zxid)))) {
                throw new IllegalStateException("queue full with " + submitters + " closed-loop submitters");
            }
            return zxid;
        }
    }

    /** A growable array of latency samples owned by one submitter thread. */
    private static final class LatencySamples {
        private long[] nanos = new long[1 << 12];
        private int count;

        void add(long sample) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = sample;
        }

        /** Read only after the owning thread has been joined. */
        long[] values() {
            return Arrays.copyOf(nanos, count);
        }
    }
}
