package io.chorus.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * One session's closed loop: it keeps a fixed number of requests in flight, and each answer issues the
 * next request until the window ends or the budget is spent. Answers arrive on the client's single event
 * thread, which is the only one that records into the histogram; when the last request of the session
 * is answered it counts down {@code drained}, which publishes the histogram to the waiting thread.
 */
final class SessionLoop {
    /**
     * Failed requests after which a session stops issuing: a session that lost its server fails every
     * request at once, and issuing on would spin through the budget measuring nothing.
     */
    static final long ERRORS_PER_SESSION_MAX = 1_000;

    private final ZooKeeper zk;
    private final Workload workload;
    private final KeySpace keys;
    private final byte[] value;
    private final String createPrefix;
    private final RunWindow window;
    private final RequestBudget budget;
    private final CountDownLatch drained;

    private final Histogram latencyMicros = LatencyHistogram.create();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong createSequence = new AtomicLong();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    private final AsyncCallback.DataCallback dataAnswered = (rc, path, ctx, data, stat) -> answered(rc, path, ctx);
    private final AsyncCallback.StatCallback statAnswered = (rc, path, ctx, stat) -> answered(rc, path, ctx);
    private final AsyncCallback.StringCallback createAnswered = (rc, path, ctx, name) -> answered(rc, path, ctx);

    SessionLoop(ZooKeeper zk, Workload workload, KeySpace keys, byte[] value, String createPrefix,
            RunWindow window, RequestBudget budget, CountDownLatch drained) {
        this.zk = zk;
        this.workload = workload;
        this.keys = keys;
        this.value = value;
        this.createPrefix = createPrefix;
        this.window = window;
        this.budget = budget;
        this.drained = drained;
    }

    /** Issues the first {@code inFlightMax} requests; the answers keep the loop going. */
    void start(int inFlightMax) {
        inFlight.set(inFlightMax);
        for (int i = 0; i < inFlightMax; i++) {
            issueNextOrRetire();
        }
    }

    private void issueNextOrRetire() {
        long nowNanos = System.nanoTime();
        if (window.isOver(nowNanos) || errors.sum() >= ERRORS_PER_SESSION_MAX || !budget.tryTake()) {
            if (inFlight.decrementAndGet() == 0) {
                drained.countDown();
            }
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (workload.next(random)) {
            case GET_DATA -> zk.getData(keys.randomKey(random), false, dataAnswered, nowNanos);
            case SET_DATA -> zk.setData(keys.randomKey(random), value, -1, statAnswered, nowNanos);
            case CREATE -> zk.create(createPrefix + createSequence.getAndIncrement(), value,
                    ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, createAnswered, nowNanos);
        }
    }

    private void answered(int rc, String path, Object issuedNanos) {
        long nowNanos = System.nanoTime();
        if (rc == KeeperException.Code.OK.intValue()) {
            succeeded.increment();
            if (window.isMeasured(nowNanos)) {
                LatencyHistogram.record(latencyMicros, nowNanos - (Long) issuedNanos);
            }
        } else {
            errors.increment();
            firstError.compareAndSet(null, path + ": " + KeeperException.Code.get(rc));
        }
        issueNextOrRetire();
    }

    /** Read only after {@code drained} reached zero. */
    Histogram latencyMicros() {
        return latencyMicros;
    }

    long succeeded() {
        return succeeded.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** The first failed request ("path: CODE"), or null. */
    String firstError() {
        return firstError.get();
    }
}
