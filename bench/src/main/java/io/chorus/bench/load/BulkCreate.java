package io.chorus.bench.load;

import io.chorus.bench.process.BenchException;
import java.io.PrintWriter;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;

/**
 * Creates many znodes with pipelined asynchronous creates spread round-robin over a group's sessions,
 * never more than {@code inFlightMax} outstanding. Stops issuing at the first failure and reports it with
 * its path; returns only when every issued create has been answered.
 */
public final class BulkCreate {
    /** A stretch without a single reply after which the server is declared stuck. */
    static final long STALL_MILLIS_MAX = 60_000;
    /** Progress lines printed per bulk create, at most. */
    static final int PROGRESS_LINES = 10;
    /** Bulk creates smaller than this finish too fast to need progress lines. */
    static final int PROGRESS_COUNT_MIN = 100_000;

    private final SessionGroup sessions;
    private final int inFlightMax;
    private final boolean existingIsFine;
    private final PrintWriter progress;

    /**
     * @param existingIsFine true when a node that already exists counts as created (re-running against the
     *                       same server), false when it means the tree is not what the caller believes
     */
    public BulkCreate(SessionGroup sessions, int inFlightMax, boolean existingIsFine, PrintWriter progress) {
        if (inFlightMax < 1) {
            throw new IllegalArgumentException("inFlightMax must be positive: " + inFlightMax);
        }
        this.sessions = sessions;
        this.inFlightMax = inFlightMax;
        this.existingIsFine = existingIsFine;
        this.progress = progress;
    }

    /** Creates the persistent nodes {@code pathOf(0) .. pathOf(count - 1)}, each holding {@code data}. */
    public void run(String what, int count, IntFunction<String> pathOf, byte[] data) {
        run(what, count, pathOf, index -> data);
    }

    /**
     * Creates the persistent nodes {@code pathOf(0) .. pathOf(count - 1)}, node i holding {@code dataOf(i)}
     * (the client keeps that array until it is sent: a new one per node unless all share it).
     */
    public void run(String what, int count, IntFunction<String> pathOf, IntFunction<byte[]> dataOf) {
        Semaphore permits = new Semaphore(inFlightMax);
        AtomicReference<String> firstFailure = new AtomicReference<>();
        LongAdder created = new LongAdder();
        AsyncCallback.StringCallback answered = (rc, path, ctx, name) -> {
            KeeperException.Code code = KeeperException.Code.get(rc);
            if (code == KeeperException.Code.OK || (existingIsFine && code == KeeperException.Code.NODEEXISTS)) {
                created.increment();
            } else {
                firstFailure.compareAndSet(null, "create " + path + " failed: " + code);
            }
            permits.release();
        };
        int progressEvery = Math.max(1, count / PROGRESS_LINES);
        for (int i = 0; i < count && firstFailure.get() == null; i++) {
            acquire(permits, 1, what);
            sessions.get(i % sessions.size()).create(pathOf.apply(i), dataOf.apply(i), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT, answered, null);
            if (count >= PROGRESS_COUNT_MIN && (i + 1) % progressEvery == 0) {
                progress.printf("  %s: %,d / %,d issued%n", what, i + 1, count);
            }
        }
        acquire(permits, inFlightMax, what);
        if (firstFailure.get() != null) {
            throw new BenchException(what + ": " + firstFailure.get() + " (" + created.sum() + " created before)");
        }
        if (created.sum() != count) {
            throw new IllegalStateException(what + ": " + created.sum() + " answered OK of " + count);
        }
    }

    private static void acquire(Semaphore permits, int n, String what) {
        try {
            if (!permits.tryAcquire(n, STALL_MILLIS_MAX, TimeUnit.MILLISECONDS)) {
                throw new BenchException(what + ": no reply for " + STALL_MILLIS_MAX + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException(what + ": interrupted", e);
        }
    }
}
