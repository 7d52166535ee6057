package io.chorus.server.node;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.SnapshotStore;
import io.chorus.api.spi.TxnLog;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.TxnCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the tree at start: the newest snapshot whose checksums verify (the store skips a corrupt
 * one with a logged reason), then every logged transaction after it, in order.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    public static DataTree recover(SnapshotStore snapshots, TxnLog log, TreeOptions options) throws IOException {
        long started = System.nanoTime();
        DataTree tree;
        Optional<SnapshotStore.Snapshot> snapshot = snapshots.latestValid();
        if (snapshot.isPresent()) {
            try (InputStream in = snapshot.get().open()) {
                tree = DataTree.readSnapshot(in, options);
            }
            if (tree.lastAppliedZxid() != snapshot.get().zxid()) {
                throw new IOException("snapshot 0x" + Long.toHexString(snapshot.get().zxid())
                        + " holds a tree at zxid 0x" + Long.toHexString(tree.lastAppliedZxid()));
            }
        } else {
            tree = new DataTree(options);
        }
        long snapshotZxid = tree.lastAppliedZxid();
        int replayed = 0;
        Iterator<LogEntry> entries = log.readAfter(snapshotZxid);
        while (entries.hasNext()) {
            LogEntry entry = entries.next();
            tree.apply(entry.zxid(), TxnCodec.decode(entry.payload()));
            replayed++;
        }
        LOG.info("Recovered {} nodes at zxid 0x{} (snapshot 0x{} + {} logged transactions) in {} ms",
                tree.nodeCount(), Long.toHexString(tree.lastAppliedZxid()), Long.toHexString(snapshotZxid), replayed,
                (System.nanoTime() - started) / 1_000_000);
        return tree;
    }
}
