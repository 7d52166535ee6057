package io.chorus.bench.load;

import io.chorus.bench.process.BenchException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Runs one workload over a group of sessions, closed loop, and merges what each session measured. */
public final class LoadRunner {
    /** How long requests may stay unanswered after the window ends before the run is declared broken. */
    static final long DRAIN_MILLIS_MAX = 30_000;

    private LoadRunner() {
    }

    /**
     * Runs {@code workload} until the window ends or {@code spec.requestsMax()} requests were issued, and
     * returns once every request has been answered.
     *
     * @param createDirectory an existing node under which a {@link Workload#CREATE} run creates its nodes
     */
    public static LoadResult run(SessionGroup sessions, Workload workload, LoadSpec spec, KeySpace keys,
            byte[] value, String createDirectory) {
        RunWindow window = RunWindow.startingNow(spec.warmupMillis(), spec.measuredMillis());
        RequestBudget budget = new RequestBudget(spec.requestsMax());
        CountDownLatch drained = new CountDownLatch(sessions.size());
        List<SessionLoop> loops = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            loops.add(new SessionLoop(sessions.get(i), workload, keys, value, createDirectory + "/s" + i + "-",
                    window, budget, drained));
        }
        loops.forEach(loop -> loop.start(spec.inFlightPerSession()));
        awaitDrained(drained, spec.warmupMillis() + spec.measuredMillis() + DRAIN_MILLIS_MAX);
        long drainedNanos = System.nanoTime();
        long windowEndNanos = window.isOver(drainedNanos) ? window.measureEndNanos() : drainedNanos;
        long measuredNanos = Math.max(0, windowEndNanos - window.measureStartNanos());
        return merge(workload, loops, measuredNanos);
    }

    private static void awaitDrained(CountDownLatch drained, long waitMillis) {
        try {
            if (!drained.await(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new BenchException("requests still unanswered " + DRAIN_MILLIS_MAX + " ms after the run ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while the load ran", e);
        }
    }

    private static LoadResult merge(Workload workload, List<SessionLoop> loops, long measuredNanos) {
        Histogram all = LatencyHistogram.create();
        long succeeded = 0;
        long errors = 0;
        for (SessionLoop loop : loops) {
            all.add(loop.latencyMicros());
            succeeded += loop.succeeded();
            errors += loop.errors();
        }
        return new LoadResult(workload, all.getTotalCount(), succeeded, errors, measuredNanos, all,
                firstError(loops));
    }

    private static String firstError(List<SessionLoop> loops) {
        for (SessionLoop loop : loops) {
            if (loop.firstError() != null) {
                return loop.firstError();
            }
        }
        return null;
    }
}
