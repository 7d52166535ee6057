package io.chorus.client.event;

import io.chorus.api.WatchedEvent;
import io.chorus.api.Watcher;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's one event thread: watcher notifications and reply completions run here, one at a time, in the
 * order the connection handed them over (which is wire order). That single order is what lets a watcher see a
 * change's notification before any later reply completes.
 *
 * <p>A watcher or completion that throws is logged and the thread carries on. After {@link #shutdown()} the
 * tasks already queued still run; later notifications are dropped and later completions run on the caller's
 * thread, so no future is left incomplete.
 */
public final class EventDispatcher implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final ExecutorService thread;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile Thread eventThread;

    public EventDispatcher(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            eventThread = t;
            return t;
        });
    }

    /** Calls each watcher with the event, on the event thread, after everything queued before. */
    public void deliver(WatchedEvent event, Collection<Watcher> watchers) {
        if (watchers.isEmpty()) {
            return;
        }
        List<Watcher> targets = List.copyOf(watchers);
        try {
            thread.execute(() -> {
                for (Watcher w : targets) {
                    try {
                        w.process(event);
                    } catch (RuntimeException e) {
                        LOG.error("watcher {} threw on {}", w, event, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("client closed; dropping {}", event);
        }
    }

    /** Runs a completion on the event thread after everything queued before (on the caller's once shut down). */
    @Override
    public void execute(Runnable completion) {
        Runnable guarded = () -> {
            try {
                completion.run();
            } catch (RuntimeException e) {
                LOG.error("completion threw", e);
            }
        };
        try {
            thread.execute(guarded);
        } catch (RejectedExecutionException e) {
            guarded.run();
        }
    }

    /** True when called from the event thread (where waiting for a later event would deadlock). */
    public boolean isEventThread() {
        return Thread.currentThread() == eventThread;
    }

    /**
     * Lets the queued tasks run, then stops the thread. The future completes after the last queued task
     * (on the event thread); it never completes if that task blocks forever.
     */
    public CompletableFuture<Void> shutdown() {
        try {
            thread.execute(() -> drained.complete(null));
        } catch (RejectedExecutionException e) {
            // Already shut down: the earlier call queued the completion.
        }
        thread.shutdown();
        return drained;
    }
}
