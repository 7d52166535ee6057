package io.chorus.datatree.snapshot;

import io.chorus.api.Acl;
import io.chorus.api.Id;
import io.chorus.datatree.codec.Cesu8;
import io.chorus.datatree.node.EphemeralOwner;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.node.NodeStoreBuilder;
import io.chorus.datatree.node.StoredStat;
import io.chorus.datatree.path.PathValidator;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and verifies a snapshot written by {@link SnapshotWriter}: magic and version, every chunk's
 * checksum and inflated length (chunks are inflated in parallel, see {@link ChunkedInputStream}; the
 * records are parsed in order on the calling thread), that the preamble's zxid is the checksummed
 * header's, the record structure (root first, each node's depth at most one below its predecessor,
 * valid unique names, known ACL indexes, batch sizes and every length within its bound), the node count, the recomputed digest, and that every
 * ephemeral belongs to a stored session. Anything else is an IOException naming the snapshot (by its
 * zxid) and saying what is wrong.
 */
public final class SnapshotReader {
    private final DataInputStream in;
    private final String snapshot;
    private final NodeStoreBuilder builder;
    private final boolean extendedTypesEnabled;
    private final List<List<Acl>> acls = new ArrayList<>();
    private final Set<Long> ephemeralOwners = new HashSet<>();
    private final StatCodec stats = new StatCodec();
    private final SiblingNames siblingNames = new SiblingNames();
    // one batch's columns (see SnapshotFormat), reused from batch to batch
    private final int[] depths = new int[SnapshotFormat.BATCH_NODES_MAX];
    private final byte[][] names = new byte[SnapshotFormat.BATCH_NODES_MAX][];
    private final long[] czxids = new long[SnapshotFormat.BATCH_NODES_MAX];
    private final long[] ctimes = new long[SnapshotFormat.BATCH_NODES_MAX];
    private final StoredStat[] batchStats = new StoredStat[SnapshotFormat.BATCH_NODES_MAX];
    private final int[] aclIndexes = new int[SnapshotFormat.BATCH_NODES_MAX];
    private final int[] dataLengthsPlusOne = new int[SnapshotFormat.BATCH_NODES_MAX];
    /** The last node read at each depth: the parent of the next node one level deeper. */
    private Node[] lastAtDepth = new Node[16];
    /** The path of the last node read at each depth is pathBuffer[0, pathEnds[depth]). */
    private int[] pathEnds = new int[16];
    private byte[] pathBuffer = new byte[256];
    /** The depth of the last node whose depth was read; the next may be at most one deeper. */
    private int currentDepth;
    private int nodes;

    private SnapshotReader(DataInputStream in, String snapshot, boolean extendedTypesEnabled) {
        this.in = in;
        this.snapshot = snapshot;
        this.extendedTypesEnabled = extendedTypesEnabled;
        this.builder = new NodeStoreBuilder(extendedTypesEnabled);
    }

    /** Reads and verifies a snapshot, decoding its chunks on as many threads as this machine has cores (up to 4). */
    public static LoadedSnapshot read(InputStream raw, boolean extendedTypesEnabled) throws IOException {
        return read(raw, extendedTypesEnabled, SnapshotFormat.decodeThreads());
    }

    /** Reads and verifies a snapshot, decoding its chunks on {@code decodeThreads} threads it starts and stops. */
    static LoadedSnapshot read(InputStream raw, boolean extendedTypesEnabled, int decodeThreads) throws IOException {
        long zxid = readPreamble(raw);
        String snapshot = SnapshotFormat.name(zxid);
        try (ChunkedInputStream chunks = new ChunkedInputStream(raw, snapshot, decodeThreads)) {
            SnapshotReader reader = new SnapshotReader(new DataInputStream(chunks), snapshot, extendedTypesEnabled);
            return reader.readBody(zxid, chunks);
        } catch (EOFException e) {
            throw new IOException("truncated " + snapshot + ": the records end before the end record", e);
        } catch (MalformedRecordException e) {
            throw new IOException("corrupt " + snapshot + ": " + e.getMessage(), e);
        }
    }

    /** Checks the magic and version and returns the zxid the preamble names the snapshot by. */
    private static long readPreamble(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[SnapshotFormat.MAGIC.length];
        try {
            in.readFully(magic);
            if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
                throw new IOException("not a Chorus snapshot: bad magic " + Arrays.toString(magic));
            }
            int version = in.readInt();
            if (version != SnapshotFormat.VERSION) {
                throw new IOException("unsupported snapshot version " + version + " (this build reads version "
                        + SnapshotFormat.VERSION + " only)");
            }
            return in.readLong();
        } catch (EOFException e) {
            throw new IOException("not a Chorus snapshot: shorter than its preamble", e);
        }
    }

    private LoadedSnapshot readBody(long preambleZxid, ChunkedInputStream chunks) throws IOException {
        long zxid = in.readLong();
        long digest = in.readLong();
        int nodeCount = in.readInt();
        int sessionCount = in.readInt();
        if (zxid != preambleZxid) {
            throw corrupt("the preamble says zxid 0x" + Long.toHexString(preambleZxid) + ", the checksummed header 0x"
                    + Long.toHexString(zxid));
        }
        if (zxid < 0 || nodeCount < 1 || sessionCount < 0) {
            throw corrupt("bad header (zxid " + zxid + ", nodes " + nodeCount + ", sessions " + sessionCount + ")");
        }
        readNodes();
        if (nodes != nodeCount) {
            throw corrupt("header says " + nodeCount + " nodes, " + nodes + " were stored");
        }
        if (builder.digest() != digest) {
            throw corrupt("digest mismatch: header says " + digest + ", the nodes hash to " + builder.digest());
        }
        List<StoredSession> sessions = readSessions(sessionCount);
        expectTag(SnapshotFormat.TAG_END, "end record");
        chunks.expectEnd();
        NodeStore store = builder.build();
        return new LoadedSnapshot(zxid, store, sessions);
    }

    private void readNodes() throws IOException {
        while (true) {
            byte tag = in.readByte();
            if (tag == SnapshotFormat.TAG_END_OF_NODES) {
                return;
            } else if (tag == SnapshotFormat.TAG_ACL) {
                readAcl();
            } else if (tag == SnapshotFormat.TAG_NODES) {
                readBatch();
            } else {
                throw corrupt("unknown record tag " + tag + " after " + nodes + " nodes");
            }
        }
    }

    private void readAcl() throws IOException {
        int index = in.readInt();
        int size = in.readInt();
        if (index != acls.size() || size < 0 || size > SnapshotFormat.ACL_ENTRIES_MAX) {
            throw corrupt("bad ACL definition #" + index + " of " + size + " entries (expected #" + acls.size() + ")");
        }
        List<Acl> acl = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int perms = in.readInt();
            String scheme = readString("ACL scheme", SnapshotFormat.ACL_STRING_BYTES_MAX);
            String id = readString("ACL id", SnapshotFormat.ACL_STRING_BYTES_MAX);
            acl.add(new Acl(perms, new Id(scheme, id)));
        }
        acls.add(List.copyOf(acl));
    }

    /** Reads a batch's columns, checking each value as it comes, then builds its nodes with their data. */
    private void readBatch() throws IOException {
        int count = Varint.readUnsignedInt(in, "batch size");
        if (count < 1 || count > SnapshotFormat.BATCH_NODES_MAX) {
            throw corrupt("a batch of " + count + " nodes after " + nodes + " (1 to " + SnapshotFormat.BATCH_NODES_MAX
                    + " allowed)");
        }
        for (int i = 0; i < count; i++) {
            int depth = Varint.readUnsignedInt(in, "depth");
            boolean isRoot = nodes + i == 0;
            if (isRoot ? depth != 0 : depth < 1 || depth > currentDepth + 1) {
                throw corrupt("node #" + (nodes + i) + " at depth " + depth + " does not fit the tree");
            }
            depths[i] = depth;
            currentDepth = depth;
        }
        for (int i = 0; i < count; i++) {
            names[i] = siblingNames.read(in, depths[i], SnapshotFormat.NAME_BYTES_MAX);
            boolean isRoot = nodes + i == 0;
            if (isRoot != (names[i].length == 0)) {
                throw corrupt("node #" + (nodes + i) + " at depth " + depths[i] + " with a " + names[i].length
                        + "-byte name does not fit the tree");
            }
        }
        for (int i = 0; i < count; i++) {
            czxids[i] = stats.readCzxid(in);
        }
        for (int i = 0; i < count; i++) {
            ctimes[i] = stats.readCtime(in);
        }
        for (int i = 0; i < count; i++) {
            batchStats[i] = StatCodec.readRest(in, czxids[i], ctimes[i]);
        }
        for (int i = 0; i < count; i++) {
            aclIndexes[i] = Varint.readUnsignedInt(in, "ACL index");
            if (aclIndexes[i] >= acls.size()) {
                throw corrupt("node #" + (nodes + i) + " refers to undefined ACL #" + aclIndexes[i]);
            }
        }
        for (int i = 0; i < count; i++) {
            long lengthPlusOne = Varint.readUnsigned(in, "data length");
            if (lengthPlusOne < 0 || lengthPlusOne > SnapshotFormat.NODE_DATA_BYTES_MAX + 1L) {
                throw corrupt("node #" + (nodes + i) + " claims " + Long.toUnsignedString(lengthPlusOne - 1)
                        + " data bytes");
            }
            dataLengthsPlusOne[i] = (int) lengthPlusOne;
        }
        for (int i = 0; i < count; i++) {
            addNode(depths[i], names[i], batchStats[i], acls.get(aclIndexes[i]), readData(dataLengthsPlusOne[i]));
            names[i] = null;
            batchStats[i] = null;
        }
    }

    private void addNode(int depth, byte[] name, StoredStat stat, List<Acl> acl, byte[] data) throws IOException {
        boolean isRoot = nodes == 0;
        int nameStart = isRoot ? 1 : pathEnds[depth - 1] + (depth == 1 ? 0 : 1);
        int pathEnd = nameStart + name.length;
        ensurePathCapacity(pathEnd);
        Node node;
        try {
            if (isRoot) {
                pathBuffer[0] = '/';
                node = builder.addRoot(data, acl, stat);
                pathEnd = 1;
            } else {
                pathBuffer[nameStart - 1] = '/';
                System.arraycopy(name, 0, pathBuffer, nameStart, name.length);
                requireValidName(nameStart, pathEnd);
                node = builder.addChild(lastAtDepth[depth - 1], pathBuffer, nameStart, pathEnd, data, acl, stat);
            }
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
        if (EphemeralOwner.of(stat.ephemeralOwner(), extendedTypesEnabled) == EphemeralOwner.SESSION) {
            ephemeralOwners.add(stat.ephemeralOwner());
        }
        remember(node, depth, pathEnd);
        nodes++;
    }

    private List<StoredSession> readSessions(int count) throws IOException {
        List<StoredSession> sessions = new ArrayList<>(Math.min(count, 1024));
        Set<Long> ids = new HashSet<>();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            int timeoutMillis = in.readInt();
            int length = in.readInt();
            if (length < 0 || length > SnapshotFormat.PASSWORD_BYTES_MAX || (i > 0 && id <= previous)) {
                throw corrupt("bad session record #" + i + " (0x" + Long.toHexString(id) + ")");
            }
            byte[] password = new byte[length];
            in.readFully(password);
            sessions.add(new StoredSession(id, timeoutMillis, password));
            ids.add(id);
            previous = id;
        }
        for (long owner : ephemeralOwners) {
            if (!ids.contains(owner)) {
                throw corrupt("ephemeral nodes of session 0x" + Long.toHexString(owner) + " but no such session");
            }
        }
        return sessions;
    }

    /** A node's data, given its length plus one (already bounded), 0 for null. */
    private byte[] readData(int lengthPlusOne) throws IOException {
        if (lengthPlusOne == 0) {
            return null;
        }
        byte[] data = new byte[lengthPlusOne - 1];
        in.readFully(data);
        return data;
    }

    private String readString(String field, int maxBytes) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > maxBytes) {
            throw corrupt(field + " claims " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return Cesu8.decode(bytes, 0, length);
    }

    private void requireValidName(int nameStart, int pathEnd) throws IOException {
        String name = Cesu8.decode(pathBuffer, nameStart, pathEnd - nameStart);
        if (name.indexOf('/') >= 0 || !PathValidator.isValid("/" + name)) {
            throw corrupt("invalid node name \"" + name + "\"");
        }
    }

    private void expectTag(byte expected, String what) throws IOException {
        byte tag = in.readByte();
        if (tag != expected) {
            throw corrupt("expected the " + what + ", found tag " + tag);
        }
    }

    private void remember(Node node, int depth, int pathEnd) {
        if (depth + 1 >= lastAtDepth.length) {
            lastAtDepth = Arrays.copyOf(lastAtDepth, lastAtDepth.length * 2);
            pathEnds = Arrays.copyOf(pathEnds, pathEnds.length * 2);
        }
        lastAtDepth[depth] = node;
        pathEnds[depth] = pathEnd;
    }

    private void ensurePathCapacity(int length) {
        if (length > pathBuffer.length) {
            pathBuffer = Arrays.copyOf(pathBuffer, Math.max(length, pathBuffer.length * 2));
        }
    }

    private IOException corrupt(String what) {
        return new IOException("corrupt " + snapshot + ": " + what);
    }
}
