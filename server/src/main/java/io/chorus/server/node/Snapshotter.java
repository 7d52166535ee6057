package io.chorus.server.node;

import io.chorus.api.spi.SnapshotStore;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.SnapshotView;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot every {@code everyTxns} applied transactions while the node keeps serving: the
 * tree's view is captured on the driver thread and written on this class's own thread; then old
 * snapshots beyond {@code retainCount} are deleted and the log they no longer need is purged.
 */
public final class Snapshotter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

    private final SnapshotStore store;
    private final DurableLog log;
    private final int everyTxns;
    private final int retainCount;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "chorus-snapshot"));
    private final AtomicBoolean writing = new AtomicBoolean();
    private int sinceLast;

    public Snapshotter(SnapshotStore store, DurableLog log, int everyTxns, int retainCount) {
        this.store = store;
        this.log = log;
        this.everyTxns = everyTxns;
        this.retainCount = retainCount;
    }

    /** Driver thread: counts the transaction and starts a snapshot when one is due and none is running. */
    void afterApply(DataTree tree) {
        sinceLast++;
        startIfDue(tree);
    }

    /**
     * Driver thread, every tick: a snapshot that fell due while the previous one was still being written
     * starts as soon as that one is done, not only at the next transaction (which may never come, leaving
     * a restart to replay everything since).
     */
    void onTick(DataTree tree) {
        startIfDue(tree);
    }

    private void startIfDue(DataTree tree) {
        if (sinceLast < everyTxns || !writing.compareAndSet(false, true)) {
            return;
        }
        sinceLast = 0;
        SnapshotView view = tree.beginSnapshot();
        writer.execute(() -> write(view));
    }

    private void write(SnapshotView view) {
        long started = System.nanoTime();
        try (view) {
            store.save(view.zxid(), view::writeTo);
            store.retain(retainCount);
            List<Long> kept = store.list();
            long oldestKept = kept.isEmpty() ? 0 : kept.get(kept.size() - 1);
            log.rollAndPurge(oldestKept);
            LOG.info("Snapshot 0x{} written in {} ms", Long.toHexString(view.zxid()),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            // The log still holds everything since the previous snapshot, so nothing is lost.
            LOG.error("Snapshot 0x{} failed", Long.toHexString(view.zxid()), e);
        } finally {
            writing.set(false);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("Snapshot writer did not finish within 60 s");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }
}
