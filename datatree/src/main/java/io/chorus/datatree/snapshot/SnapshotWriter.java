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
 * bytes. They are written in batches, column by column (see {@link SnapshotFormat}): names relative to
 * the previous sibling ({@link SiblingNames}), stats relative to the previous node ({@link StatCodec}),
 * and all the batch's data last, so the compressor sees long runs of alike metadata apart from the
 * data. Each distinct ACL list is written once, before the batch that first uses it, and referred to
 * by index. Iterative, so a deep tree cannot overflow the stack. Compresses on the calling thread (the
 * snapshot thread, off the apply path).
 */
public final class SnapshotWriter {
    private final DataOutputStream out;
    private final ChunkedOutputStream chunks;
    private final Map<List<Acl>, Integer> aclIndexByList = new HashMap<>();
    /**
     * The last ACL looked up and its index. Nodes share interned ACL lists and most trees use one or
     * two, so an identity check mostly answers without hashing the list's entries for the map.
     */
    private List<Acl> lastAcl;
    private int lastAclIndex;
    private final StatCodec stats = new StatCodec();
    private final SiblingNames names = new SiblingNames();
    private final Node[] batch = new Node[SnapshotFormat.BATCH_NODES_MAX];
    private final int[] depths = new int[SnapshotFormat.BATCH_NODES_MAX];
    private final int[] aclIndexes = new int[SnapshotFormat.BATCH_NODES_MAX];
    private int batched;

    private SnapshotWriter(DataOutputStream out, ChunkedOutputStream chunks) {
        this.out = out;
        this.chunks = chunks;
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
            SnapshotWriter writer = new SnapshotWriter(body, chunks);
            writer.writeNodes(tree.root());
            writer.flushBatch();
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
        aclIndexes[batched] = aclIndex(node.acl()); // a new ACL's definition goes out before the batch
        batch[batched] = node;
        depths[batched] = depth;
        batched++;
        if (batched == batch.length) {
            flushBatch();
        }
    }

    /** Writes the batched nodes column by column, then their data. */
    private void flushBatch() throws IOException {
        if (batched == 0) {
            return;
        }
        out.writeByte(SnapshotFormat.TAG_NODES);
        Varint.writeUnsigned(out, batched);
        for (int i = 0; i < batched; i++) {
            Varint.writeUnsigned(out, depths[i]);
        }
        for (int i = 0; i < batched; i++) {
            names.write(out, depths[i], batch[i].nameBytesShared(), batch[i].nameLength());
        }
        // the stat columns read the node's fields: a StoredStat per node (or per column) was garbage by the
        // million on a big tree, which escape analysis did not remove inside the server
        for (int i = 0; i < batched; i++) {
            stats.writeCzxid(out, batch[i].czxid());
        }
        for (int i = 0; i < batched; i++) {
            stats.writeCtime(out, batch[i].ctime());
        }
        for (int i = 0; i < batched; i++) {
            StatCodec.writeRest(out, batch[i]);
        }
        for (int i = 0; i < batched; i++) {
            Varint.writeUnsigned(out, aclIndexes[i]);
        }
        for (int i = 0; i < batched; i++) {
            Node node = batch[i];
            Varint.writeUnsigned(out, node.dataIsNull() ? 0 : node.dataLength() + 1L);
        }
        chunks.beginData(); // out is unbuffered: every byte so far is in chunks
        for (int i = 0; i < batched; i++) {
            Node node = batch[i];
            if (!node.dataIsNull()) {
                // straight to chunks: DataOutputStream.write(byte[], ...) takes a lock every call
                chunks.write(node.dataShared(), node.dataOffset(), node.dataLength());
            }
        }
        chunks.endData();
        Arrays.fill(batch, 0, batched, null);
        batched = 0;
    }

    /** The ACL's index, writing its definition first if this is its first use. */
    private int aclIndex(List<Acl> acl) throws IOException {
        if (acl != lastAcl) {
            lastAclIndex = indexOfEqualAcl(acl);
            lastAcl = acl;
        }
        return lastAclIndex;
    }

    private int indexOfEqualAcl(List<Acl> acl) throws IOException {
        Integer known = aclIndexByList.get(acl);
        if (known != null) {
            return known;
        }
        int index = aclIndexByList.size();
        aclIndexByList.put(acl, index);
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
        return NameOrder.sorted(node.childrenArray());
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
