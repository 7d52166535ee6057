package io.chorus.testkit.zk;

import io.chorus.api.spi.LogEntry;
import io.chorus.datatree.ApplyResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.SnapshotView;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnCodec;
import io.chorus.testkit.sim.StateMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The real data tree as a simulated node's state machine: committed entries are decoded and applied
 * exactly as the server applies them, the digest is the tree's, and snapshots (for Zab's SNAP and for
 * restarts) are the tree's own snapshot format, verified on load. A committed entry that does not decode
 * is a broken replica, not bad input: it fails the run. What {@link #apply} answers carries the decoded
 * transaction too, so what sits above needs not decode it again.
 */
public final class TreeStateMachine implements StateMachine {
    private final TreeOptions options;
    private DataTree tree;

    public TreeStateMachine() {
        this(TreeOptions.DEFAULTS);
    }

    public TreeStateMachine(TreeOptions options) {
        this.options = options;
        this.tree = new DataTree(options);
    }

    /** A committed transaction as decoded, and what applying it produced. */
    public record Applied(Txn txn, ApplyResult result) {
    }

    /** The tree, for reads served by this node. */
    public DataTree tree() {
        return tree;
    }

    @Override
    public Applied apply(LogEntry entry) {
        Txn txn = TxnCodec.decodeCommitted(entry);
        return new Applied(txn, tree.apply(entry.zxid(), txn));
    }

    @Override
    public long digest() {
        return tree.digest();
    }

    @Override
    public byte[] snapshot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnapshotView view = tree.beginSnapshot()) {
            view.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot of a tree in memory failed", e);
        }
        return out.toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        try {
            tree = DataTree.readSnapshot(new ByteArrayInputStream(snapshot), options);
        } catch (IOException e) {
            throw new IllegalStateException("a snapshot this simulation wrote does not load: " + e.getMessage(), e);
        }
    }
}
