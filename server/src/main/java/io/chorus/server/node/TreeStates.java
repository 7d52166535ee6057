package io.chorus.server.node;

import io.chorus.api.spi.SnapshotStore;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.api.spi.Zxid;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.SnapshotView;
import io.chorus.datatree.TreeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tree as a protocol may ask to move it: captured whole for a follower that needs a snapshot (serialised in the
 * background, so a leader goes on serving while a large tree is written out), replaced by a
 * snapshot the leader sent (stored durably first), or rebuilt from disk without an uncommitted tail that TRUNC
 * cut. All on the driver thread, which waits for the disk: these happen while a follower synchronises, never
 * while it serves.
 */
public final class TreeStates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TreeStates.class);
    private static final long REBUILD_TIMEOUT_SECONDS = 300;
    static final String CAPTURE_THREAD = "chorus-capture";

    private final SnapshotStore snapshots;
    private final DurableLog log;
    private final TreeOptions options;
    private final ExecutorService captures = Executors.newSingleThreadExecutor(r -> new Thread(r, CAPTURE_THREAD));

    public TreeStates(SnapshotStore snapshots, DurableLog log, TreeOptions options) {
        this.snapshots = snapshots;
        this.log = log;
        this.options = options;
    }

    /** The whole tree as of its last applied zxid, in the snapshot format. */
    public StateSnapshot capture(DataTree tree) {
        return serialise(tree.beginSnapshot());
    }

    /**
     * The newest stored snapshot that reads back whole (reading a stream to its end is where the store checks it),
     * read once; a damaged one is skipped for the next older, as recovery does. Empty when none reads.
     */
    public Optional<StateSnapshot> newestStored() {
        List<SnapshotStore.Snapshot> stored;
        try {
            stored = snapshots.newestFirst();
        } catch (IOException e) {
            LOG.warn("Cannot list the stored snapshots for a follower: {}", e.toString());
            return Optional.empty();
        }
        for (SnapshotStore.Snapshot snapshot : stored) {
            try (InputStream in = snapshot.open()) {
                return Optional.of(new StateSnapshot(snapshot.zxid(), in.readAllBytes()));
            } catch (IOException e) {
                LOG.warn("Skipping stored snapshot 0x{} for a follower: {}", Long.toHexString(snapshot.zxid()),
                        e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The tree as of its last applied zxid, serialised on this class's own thread while the caller goes on
     * changing the tree (the view is copy-on-write), and handed to {@code whenDone} there.
     */
    public void captureInBackground(DataTree tree, Consumer<StateSnapshot> whenDone) {
        SnapshotView view = tree.beginSnapshot();
        captures.execute(() -> {
            long started = System.nanoTime();
            StateSnapshot snapshot = serialise(view);
            LOG.info("Captured the tree at 0x{} for a follower: {} bytes in {} ms", Long.toHexString(snapshot.zxid()),
                    snapshot.bytes().length, (System.nanoTime() - started) / 1_000_000);
            whenDone.accept(snapshot);
        });
    }

    private static StateSnapshot serialise(SnapshotView view) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (view) {
            view.writeTo(bytes);
            return new StateSnapshot(view.zxid(), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
    }

    /**
     * Stores {@code snapshot} durably, then loads it as the new tree; the log continues after it (entries at or
     * below it no longer count, and a new segment starts so the old ones can be purged).
     */
    public DataTree install(StateSnapshot snapshot) throws IOException {
        DataTree tree = DataTree.readSnapshot(new ByteArrayInputStream(snapshot.bytes()), options);
        if (tree.lastAppliedZxid() != snapshot.zxid()) {
            throw new IOException("the leader's snapshot " + Zxid.toString(snapshot.zxid()) + " holds a tree at "
                    + Zxid.toString(tree.lastAppliedZxid()));
        }
        snapshots.save(snapshot.zxid(), out -> out.write(snapshot.bytes()));
        log.startsAfter(snapshot.zxid());
        log.rollAndPurge(0);
        return tree;
    }

    @Override
    public void close() {
        captures.shutdownNow();
    }

    /** The tree recovered from disk up to {@code upToZxid}, once the log's truncation before it is done. */
    public DataTree rebuild(long upToZxid) {
        try {
            return log.onLogThread(txnLog -> Recovery.recover(snapshots, txnLog, options, upToZxid).tree())
                    .get(REBUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted rebuilding the tree", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot rebuild the tree up to " + Zxid.toString(upToZxid), e);
        }
    }
}
