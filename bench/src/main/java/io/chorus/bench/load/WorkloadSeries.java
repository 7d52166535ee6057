package io.chorus.bench.load;

import io.chorus.bench.process.BenchException;
import io.chorus.bench.process.ClientTransport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.KeeperException;

/**
 * Runs workloads one after another against one server over the same sessions: opens them, prepares the
 * key space (or the directory creates go under), runs each workload, closes them. Progress goes to
 * {@code progress}; results come back in the order asked.
 */
public final class WorkloadSeries {
    /** How long opening one session may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Seed of the value bytes, so both servers store the same values. */
    static final long VALUE_SEED = 0x5EED;

    private final LoadSpec spec;
    private final PrintWriter progress;

    public WorkloadSeries(LoadSpec spec, PrintWriter progress) {
        this.spec = spec;
        this.progress = progress;
    }

    public List<LoadResult> run(String connectString, List<Workload> workloads) {
        return run(List.of(connectString), workloads);
    }

    /**
     * Runs the workloads over sessions spread over {@code connectStrings} (session i on the i-th modulo their
     * number; see {@link SessionGroup#open(List, int, Duration, ClientTransport)}). With more than one, every
     * session syncs once the keys are prepared, so that no local read misses a key created through another
     * server.
     */
    public List<LoadResult> run(List<String> connectStrings, List<Workload> workloads) {
        byte[] value = value(spec.valueBytes());
        KeySpace keys = new KeySpace(spec.keyCount(), spec.valueBytes());
        List<LoadResult> results = new ArrayList<>(workloads.size());
        try (SessionGroup sessions = SessionGroup.open(connectStrings, spec.sessions(), CONNECT_TIMEOUT,
                spec.transport())) {
            if (workloads.stream().anyMatch(Workload::usesKeySpace)) {
                progress.printf("  preparing %,d keys of %,d bytes%n", keys.keyCount(), spec.valueBytes());
                keys.prepare(sessions, value, totalInFlight(), progress);
                if (connectStrings.size() > 1) {
                    syncAll(sessions, keys.directory());
                }
            }
            String createDirectory = KeySpace.ROOT + "/create-" + Long.toHexString(System.nanoTime());
            if (workloads.contains(Workload.CREATE)) {
                KeySpace.ensureExists(sessions.get(0), KeySpace.ROOT);
                KeySpace.ensureExists(sessions.get(0), createDirectory);
            }
            for (Workload workload : workloads) {
                progress.printf("  %s: %d sessions x %d in flight, %d ms warm-up, %d ms measured%n",
                        workload.label(), spec.sessions(), spec.inFlightPerSession(), spec.warmupMillis(),
                        spec.measuredMillis());
                LoadResult result = LoadRunner.run(sessions, workload, spec, keys, value, createDirectory);
                progress.printf("  %s: %,.0f ops/s, p99 %,d us, %,d errors%n", workload.label(),
                        result.throughputPerSecond(), result.percentileMicros(99), result.errors());
                results.add(result);
            }
        }
        return results;
    }

    /** Has every session's server catch up with the leader on {@code path}; waits for all of them, bounded. */
    static void syncAll(SessionGroup sessions, String path) {
        CountDownLatch synced = new CountDownLatch(sessions.size());
        AtomicReference<String> failure = new AtomicReference<>();
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).sync(path, (rc, p, ctx) -> {
                if (rc != KeeperException.Code.OK.intValue()) {
                    failure.compareAndSet(null, "sync " + p + ": " + KeeperException.Code.get(rc));
                }
                synced.countDown();
            }, null);
        }
        try {
            if (!synced.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BenchException("sync not answered within " + CONNECT_TIMEOUT.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while syncing", e);
        }
        if (failure.get() != null) {
            throw new BenchException(failure.get());
        }
    }

    private int totalInFlight() {
        return spec.sessions() * spec.inFlightPerSession();
    }

    public static byte[] value(int valueBytes) {
        byte[] value = new byte[valueBytes];
        new SplittableRandom(VALUE_SEED).nextBytes(value);
        return value;
    }
}
