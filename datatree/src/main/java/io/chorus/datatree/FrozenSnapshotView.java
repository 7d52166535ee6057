package io.chorus.datatree;

import io.chorus.datatree.node.FrozenTree;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.snapshot.SnapshotWriter;
import io.chorus.datatree.snapshot.StoredSession;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A snapshot view over a frozen tree and a copy of the sessions. Writing and closing are synchronized,
 * so closing from another thread waits for a write in progress: the store only stops copying shared
 * nodes once nothing reads them.
 */
final class FrozenSnapshotView implements SnapshotView {
    private final NodeStore store;
    private final FrozenTree tree;
    private final List<StoredSession> sessions;
    private final long zxid;
    private boolean closed;

    FrozenSnapshotView(NodeStore store, FrozenTree tree, List<StoredSession> sessions, long zxid) {
        this.store = store;
        this.tree = tree;
        this.sessions = List.copyOf(sessions);
        this.zxid = zxid;
    }

    @Override
    public long zxid() {
        return zxid;
    }

    @Override
    public synchronized void writeTo(OutputStream out) throws IOException {
        if (closed) {
            throw new IllegalStateException("snapshot view at zxid 0x" + Long.toHexString(zxid) + " is closed");
        }
        SnapshotWriter.write(out, tree, zxid, sessions);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            store.release(tree);
        }
    }
}
