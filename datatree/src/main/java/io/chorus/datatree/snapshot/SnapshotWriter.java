package io.chorus.datatree.snapshot;

import io.chorus.api.Acl;
import io.chorus.datatree.codec.FieldWriter;
import io.chorus.datatree.node.FrozenTree;
import io.chorus.datatree.node.Node;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a frozen tree and its sessions in the snapshot format. Nodes go out in pre-order, each with
 * its depth and name (not its path), children sorted by name bytes, so equal trees produce identical
 * bytes; lengths, indexes and the stat are varints, the stat relative to the previous node (see
 * {@link StatCodec}); each distinct ACL list is written once, before its first use, and referred to by
 * index.
 * Iterative, so a deep tree cannot overflow the stack. Compresses on the calling thread (the
 * snapshot thread, off the apply path).
 */
public final class SnapshotWriter {
    private final DataOutputStream out;
    private final Map<List<Acl>, Integer> aclIndexes = new HashMap<>();
    private final StatCodec stats = new StatCodec();

    private SnapshotWriter(DataOutputStream out) {
        this.out = out;
    }

    /** Writes the snapshot to {@code out}, which stays open. */
    public static void write(OutputStream out, FrozenTree tree, long zxid, List<StoredSession> sessions)
            throws IOException {
        SnapshotFormat.writePreamble(out, zxid);
        try (ChunkedOutputStream chunks = new ChunkedOutputStream(out)) {
            DataOutputStream body = new DataOutputStream(chunks);
            body.writeLong(zxid);
            body.writeLong(tree.digest());
            body.writeInt(tree.nodeCount());
            body.writeInt(sessions.size());
            new SnapshotWriter(body).writeNodes(tree.root());
            body.writeByte(SnapshotFormat.TAG_END_OF_NODES);
            for (StoredSession session : sessions) {
                body.writeLong(session.sessionId());
                body.writeInt(session.timeoutMillis());
                FieldWriter.writeBytesOrNull(body, session.password());
            }
            body.writeByte(SnapshotFormat.TAG_END);
            body.flush();
            chunks.finish();
        }
    }

    private void writeNodes(Node root) throws IOException {
        writeNode(root, 0);
        ArrayDeque<Level> levels = new ArrayDeque<>();
        levels.push(new Level(sortedChildren(root), 1));
        while (!levels.isEmpty()) {
            Level level = levels.peek();
            if (level.next == level.children.length) {
                levels.pop();
                continue;
            }
            Node child = level.children[level.next++];
            writeNode(child, level.depth);
            if (child.childCount() > 0) {
                levels.push(new Level(sortedChildren(child), level.depth + 1));
            }
        }
    }

    private void writeNode(Node node, int depth) throws IOException {
        if (node.dataLength() > SnapshotFormat.NODE_DATA_BYTES_MAX || node.nameLength() > SnapshotFormat.NAME_BYTES_MAX) {
            throw new IOException("node " + node.name() + " exceeds the snapshot limits (data "
                    + node.dataLength() + " bytes, name " + node.nameLength() + " bytes)");
        }
        int aclIndex = aclIndex(node.acl());
        out.writeByte(SnapshotFormat.TAG_NODE);
        Varint.writeUnsigned(out, depth);
        Varint.writeUnsigned(out, node.nameLength());
        out.write(node.nameBytesShared(), 0, node.nameLength());
        stats.write(out, node.storedStat());
        Varint.writeUnsigned(out, aclIndex);
        if (node.dataIsNull()) {
            Varint.writeUnsigned(out, 0);
        } else {
            Varint.writeUnsigned(out, node.dataLength() + 1L);
            out.write(node.dataShared(), node.dataOffset(), node.dataLength());
        }
    }

    /** The ACL's index, writing its definition first if this is its first use. */
    private int aclIndex(List<Acl> acl) throws IOException {
        Integer known = aclIndexes.get(acl);
        if (known != null) {
            return known;
        }
        int index = aclIndexes.size();
        aclIndexes.put(acl, index);
        out.writeByte(SnapshotFormat.TAG_ACL);
        out.writeInt(index);
        out.writeInt(acl.size());
        for (Acl entry : acl) {
            out.writeInt(entry.perms());
            FieldWriter.writeStringOrNull(out, entry.id().scheme());
            FieldWriter.writeStringOrNull(out, entry.id().id());
        }
        return index;
    }

    private static Node[] sortedChildren(Node node) {
        Node[] children = node.childrenArray();
        Arrays.sort(children, (a, b) -> Arrays.compareUnsigned(a.nameBytesShared(), 0, a.nameLength(),
                b.nameBytesShared(), 0, b.nameLength()));
        return children;
    }

    /** One level of the pre-order walk: the sorted children of a node and the next one to write. */
    private static final class Level {
        final Node[] children;
        final int depth;
        int next;

        Level(Node[] children, int depth) {
            this.children = children;
            this.depth = depth;
        }
    }
}
