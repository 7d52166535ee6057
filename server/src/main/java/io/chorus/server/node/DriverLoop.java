package io.chorus.server.node;

import io.chorus.api.spi.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a node's state lives on. Tasks from Netty, the log and timers queue up; the loop runs
 * whatever has arrived as one batch, then {@code afterBatch} (carry out the protocol's Ready, flush
 * replies), and ticks every {@code tickMillis}. Batching is what turns many small requests into one
 * log write and one flush per connection. A task that throws stops the node via {@code onFatal}:
 * state that may be half-changed is never served.
 */
final class DriverLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverLoop.class);
    /** Tasks run before the batch's Ready is carried out, so one slow producer cannot starve the log. */
    static final int BATCH_TASKS_MAX = 4096;

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
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
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        long nextTick = monotonicMillis() + tickMillis;
        try {
            while (running) {
                long wait = Math.max(0, nextTick - monotonicMillis());
                Runnable first = tasks.poll(wait, TimeUnit.MILLISECONDS);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            LOG.error("The driver thread failed; the node stops", t);
            running = false;
            onFatal.accept(t);
        }
    }

    private long monotonicMillis() {
        return clock.nanos() / 1_000_000;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
