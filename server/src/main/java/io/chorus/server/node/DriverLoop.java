package io.chorus.server.node;

import io.chorus.api.spi.Clock;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a node's state lives on. Tasks from Netty, the log and timers queue up; the loop runs
 * whatever has arrived as one batch, then {@code afterBatch} (carry out the protocol's Ready, flush
 * replies), and ticks every {@code tickMillis}. Batching is what turns many small requests into one
 * log write and one flush per connection. A task that throws stops the node via {@code onFatal}:
 * state that may be half-changed is never served.
 *
 * <p>The queue takes no lock: Netty's threads and the log's add to it while the loop runs, and a task added
 * while the loop is awake costs its producer no wake-up; only a task that finds the loop parked unparks it.
 */
final class DriverLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverLoop.class);
    /** Tasks run before the batch's Ready is carried out, so one slow producer cannot starve the log. */
    static final int BATCH_TASKS_MAX = 4096;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Set while the loop is parked or about to park, with nothing queued: the next task must unpark it. */
    private final AtomicBoolean parked = new AtomicBoolean();
    private final Thread thread;
    private final long tickMillis;
    private final LongConsumer onTick;
    private final Runnable afterBatch;
    private final java.util.function.Consumer<Throwable> onFatal;
    private final Clock clock;
    private volatile boolean running = true;

    DriverLoop(String name, Clock clock, long tickMillis, LongConsumer onTick, Runnable afterBatch,
            java.util.function.Consumer<Throwable> onFatal) {
        this.clock = clock;
        this.tickMillis = tickMillis;
        this.onTick = onTick;
        this.afterBatch = afterBatch;
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, name);
    }

    void start() {
        thread.start();
    }

    void execute(Runnable task) {
        tasks.add(task);
        if (parked.get() && parked.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        long nextTick = monotonicMillis() + tickMillis;
        try {
            // An interrupt from elsewhere than close() stops the loop, as it always has.
            while (running && !Thread.currentThread().isInterrupted()) {
                Runnable first = tasks.poll();
                if (first == null) {
                    first = await(nextTick);
                }
                if (first != null) {
                    first.run();
                    for (int i = 1; i < BATCH_TASKS_MAX; i++) {
                        Runnable next = tasks.poll();
                        if (next == null) {
                            break;
                        }
                        next.run();
                    }
                }
                long now = monotonicMillis();
                if (now >= nextTick) {
                    onTick.accept(now);
                    nextTick = now + tickMillis;
                }
                afterBatch.run();
            }
        } catch (Throwable t) {
            LOG.error("The driver thread failed; the node stops", t);
            running = false;
            onFatal.accept(t);
        }
    }

    /**
     * Parks until a task comes, the next tick is due or the loop is closed; the task that came, or null. The flag
     * is raised before the queue is looked at once more, so a producer either sees it and unparks, or its task is
     * seen here.
     */
    private Runnable await(long nextTickMillis) {
        long waitMillis = nextTickMillis - monotonicMillis();
        if (waitMillis <= 0) {
            return null;
        }
        parked.set(true);
        Runnable task = tasks.poll();
        if (task == null && running) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(waitMillis));
            task = tasks.poll();
        }
        parked.set(false);
        return task;
    }

    private long monotonicMillis() {
        return clock.nanos() / 1_000_000;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt(); // a task blocked on something interruptible gives up; a parked loop wakes
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
