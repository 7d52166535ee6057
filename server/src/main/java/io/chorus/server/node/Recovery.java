package io.chorus.server.node;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.SnapshotStore;
import io.chorus.api.spi.TxnLog;
import io.chorus.api.spi.Zxid;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.TxnCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the tree at start: the newest snapshot that reads and verifies to its end (a damaged one is
 * skipped with a logged reason naming it, and the next older tried), then every logged transaction after
 * it, in order. Each snapshot is read once: loading it is what verifies it.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    /** The recovered tree, and the snapshot it started from (0 for none): the log continues it from there. */
    public record Recovered(DataTree tree, long snapshotZxid) {
    }

    public static DataTree recover(SnapshotStore snapshots, TxnLog log, TreeOptions options) throws IOException {
        return recover(snapshots, log, options, Long.MAX_VALUE).tree();
    }

    /**
     * As at start, but only up to {@code upToZxid}: after TRUNC cut an uncommitted tail the tree had applied, it
     * is rebuilt without it (ZooKeeper reloads its database the same way).
     *
     * @throws IllegalStateException when a stored snapshot is above {@code upToZxid}: it would hold state that
     *                               was never committed, and a later restart would load it
     */
    public static Recovered recover(SnapshotStore snapshots, TxnLog log, TreeOptions options, long upToZxid)
            throws IOException {
        long started = System.nanoTime();
        DataTree tree = null;
        for (SnapshotStore.Snapshot snapshot : snapshots.newestFirst()) {
            if (snapshot.zxid() > upToZxid) {
                throw new IllegalStateException("snapshot " + Zxid.toString(snapshot.zxid())
                        + " is above the zxid the state must go back to, " + Zxid.toString(upToZxid));
            }
            try (InputStream in = snapshot.open()) {
                DataTree loaded = DataTree.readSnapshot(in, options);
                in.transferTo(OutputStream.nullOutputStream()); // to its end, where the store checks the whole stream
                if (loaded.lastAppliedZxid() != snapshot.zxid()) {
                    throw new IOException("snapshot 0x" + Long.toHexString(snapshot.zxid())
                            + " holds a tree at zxid 0x" + Long.toHexString(loaded.lastAppliedZxid()));
                }
                tree = loaded;
                break;
            } catch (IOException e) {
                LOG.warn("Skipping snapshot 0x{}: {}", Long.toHexString(snapshot.zxid()), e.getMessage());
            }
        }
        if (tree == null) {
            tree = new DataTree(options);
        }
        long snapshotZxid = tree.lastAppliedZxid();
        int replayed = 0;
        long previous = snapshotZxid;
        Iterator<LogEntry> entries = log.readAfter(snapshotZxid);
        while (entries.hasNext()) {
            LogEntry entry = entries.next();
            if (entry.zxid() > upToZxid) {
                break;
            }
            if (!follows(previous, entry.zxid())) {
                // Replaying across a gap would build a tree that silently lacks what the gap held.
                throw new IOException("the log does not continue " + (previous == snapshotZxid
                        ? (snapshotZxid == 0 ? "an empty tree" : "snapshot " + Zxid.toString(snapshotZxid))
                        : "its entry " + Zxid.toString(previous)) + ": the next entry is " + Zxid.toString(entry.zxid())
                        + ", so entries were purged or lost; refusing to start with a tree that lacks them");
            }
            previous = entry.zxid();
            tree.apply(entry.zxid(), TxnCodec.decode(entry.payload()));
            replayed++;
        }
        LOG.info("Recovered {} nodes at zxid 0x{} (snapshot 0x{} + {} logged transactions) in {} ms",
                tree.nodeCount(), Long.toHexString(tree.lastAppliedZxid()), Long.toHexString(snapshotZxid), replayed,
                (System.nanoTime() - started) / 1_000_000);
        return new Recovered(tree, snapshotZxid);
    }

    /**
     * Whether {@code next} is the zxid right after {@code previous}: the next counter in the same epoch, or
     * the first of a later epoch (a new leader, a restart, or an exhausted counter).
     */
    static boolean follows(long previous, long next) {
        if (Zxid.epoch(next) == Zxid.epoch(previous)) {
            return Zxid.counter(next) == Zxid.counter(previous) + 1;
        }
        return Zxid.epoch(next) > Zxid.epoch(previous) && Zxid.counter(next) == 1;
    }
}
