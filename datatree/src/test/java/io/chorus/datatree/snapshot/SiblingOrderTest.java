package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.datatree.codec.Cesu8;
import io.chorus.datatree.node.FrozenTree;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.node.NodeStoreBuilder;
import io.chorus.datatree.node.StoredStat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A snapshot lists every node's children in unsigned name-byte order, whatever the names: random trees
 * whose siblings mix counters, long shared stems, names that tie in the eight bytes after the prefix
 * all siblings share and differ only at the end, names that are prefixes of others, one-byte names,
 * high and zero bytes and non-ASCII text, under parents with few children and with more than
 * {@link RadixSort#VALUES_MIN}. The record order decoded from the snapshot must be a pre-order walk
 * whose children are sorted with {@link Arrays#compareUnsigned(byte[], byte[])}.
 */
class SiblingOrderTest {
    private static final StoredStat STAT = StoredStat.created(1, 1_000, 0);
    /** Name bytes that order differently signed and unsigned, zero, and digits next to letters. */
    private static final byte[] TAIL_BYTES = {0, 1, '0', '9', 'a', 0x7F, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
    private static final String[] TEXT = {"é", "中", "\uD83D\uDE00", "z", "ß"};

    @Property(tries = 40)
    void snapshotsListSiblingsInUnsignedNameOrder(@ForAll long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        NodeStoreBuilder builder = new NodeStoreBuilder(true);
        Model root = new Model(new byte[0], builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, STAT));
        addChildren(builder, root, new byte[0], random, 2);

        List<String> expected = new ArrayList<>();
        root.preOrder(0, expected);
        assertThat(recordOrder(snapshotOf(builder.build()))).containsExactlyElementsOf(expected);
    }

    /** A node as the test built it: its name and its children in creation order. */
    private record Model(byte[] name, Node node, List<Model> children) {
        Model(byte[] name, Node node) {
            this(name, node, new ArrayList<>());
        }

        /** Appends {@code depth:hex name} of this node and, children sorted by the reference, its subtree. */
        void preOrder(int depth, List<String> out) {
            out.add(entry(depth, name));
            List<Model> sorted = new ArrayList<>(children);
            sorted.sort((a, b) -> Arrays.compareUnsigned(a.name, b.name));
            for (Model child : sorted) {
                child.preOrder(depth + 1, out);
            }
        }
    }

    private static void addChildren(NodeStoreBuilder builder, Model parent, byte[] parentPath, SplittableRandom random,
            int levelsBelow) {
        int count = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(4);
            case 1 -> random.nextInt(4, 100);
            default -> random.nextInt(RadixSort.VALUES_MIN - 10, 1_500);
        };
        List<byte[]> names = siblingNames(random, count);
        for (byte[] name : names) {
            byte[] path = childPath(parentPath, name);
            Node node = builder.addChild(parent.node, path, parentPath.length + 1, path.length, null,
                    Acl.OPEN_ACL_UNSAFE, STAT);
            Model child = new Model(name, node);
            parent.children.add(child);
            if (levelsBelow > 0 && random.nextInt(names.size()) < 2) { // about two subtrees a level
                addChildren(builder, child, path, random, levelsBelow - 1);
            }
        }
    }

    /** Distinct names, each from one of a few styles this parent mixes. */
    private static List<byte[]> siblingNames(SplittableRandom random, int count) {
        int styles = 1 + random.nextInt(3);
        int firstStyle = random.nextInt(6);
        Set<String> seen = new HashSet<>();
        List<byte[]> names = new ArrayList<>();
        for (int attempt = 0; names.size() < count && attempt < count * 4; attempt++) {
            byte[] name = name(random, (firstStyle + random.nextInt(styles)) % 6, names);
            if (name.length > 0 && seen.add(HexFormat.of().formatHex(name))) {
                names.add(name);
            }
        }
        return names;
    }

    private static byte[] name(SplittableRandom random, int style, List<byte[]> made) {
        return switch (style) {
            case 0 -> ascii(String.format("n%08d", random.nextInt(100_000_000)));
            case 1 -> ascii("lock-" + String.format("%010d", random.nextInt(3_000)));
            // a long shared stem, then a few bytes: names that tie on the key and differ at the end
            case 2 -> concat(ascii("a-very-long-shared-stem-0000"), tail(random, random.nextInt(12)));
            case 3 -> tail(random, 1 + random.nextInt(random.nextBoolean() ? 2 : 12));
            case 4 -> text(random);
            // a name that is a prefix of an earlier one, or an earlier one continued
            default -> made.isEmpty() ? tail(random, 1)
                    : prefixOrExtension(random, made.get(random.nextInt(made.size())));
        };
    }

    private static byte[] prefixOrExtension(SplittableRandom random, byte[] earlier) {
        if (random.nextBoolean()) {
            return Arrays.copyOf(earlier, random.nextInt(earlier.length + 1));
        }
        return concat(earlier, tail(random, 1 + random.nextInt(3)));
    }

    private static byte[] tail(SplittableRandom random, int length) {
        byte[] tail = new byte[length];
        for (int i = 0; i < length; i++) {
            tail[i] = TAIL_BYTES[random.nextInt(TAIL_BYTES.length)];
        }
        return tail;
    }

    private static byte[] text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            text.append(TEXT[random.nextInt(TEXT.length)]);
        }
        return Cesu8.encode(text.toString());
    }

    private static byte[] childPath(byte[] parentPath, byte[] name) {
        byte[] path = new byte[parentPath.length + 1 + name.length];
        System.arraycopy(parentPath, 0, path, 0, parentPath.length);
        path[parentPath.length] = '/';
        System.arraycopy(name, 0, path, parentPath.length + 1, name.length);
        return path;
    }

    private static byte[] snapshotOf(NodeStore store) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrozenTree frozen = store.freeze();
        try {
            SnapshotWriter.write(out, frozen, 1, List.of());
        } finally {
            store.release(frozen);
        }
        return out.toByteArray();
    }

    /** The nodes' {@code depth:hex name} in the order the snapshot's batches hold them. */
    private static List<String> recordOrder(byte[] snapshot) throws IOException {
        ByteArrayInputStream raw = new ByteArrayInputStream(snapshot);
        raw.skipNBytes(SnapshotFormat.PREAMBLE_BYTES);
        List<String> entries = new ArrayList<>();
        try (ChunkedInputStream chunks = new ChunkedInputStream(raw, "test snapshot", 1)) {
            DataInputStream in = new DataInputStream(chunks);
            in.skipNBytes(Long.BYTES + Long.BYTES + Integer.BYTES + Integer.BYTES); // zxid, digest, counts
            SiblingNames names = new SiblingNames();
            for (byte tag = in.readByte(); tag != SnapshotFormat.TAG_END_OF_NODES; tag = in.readByte()) {
                if (tag == SnapshotFormat.TAG_ACL) {
                    skipOpenAcl(in);
                } else {
                    assertThat(tag).isEqualTo(SnapshotFormat.TAG_NODES);
                    readBatchNames(in, names, entries);
                }
            }
        }
        return entries;
    }

    private static void skipOpenAcl(DataInputStream in) throws IOException {
        in.readInt(); // index
        assertThat(in.readInt()).isEqualTo(1);
        in.readInt(); // perms
        in.skipNBytes(in.readInt()); // scheme
        in.skipNBytes(in.readInt()); // id
    }

    /** Appends the batch's depths and names, and skips its other columns and its data (every node's is null). */
    private static void readBatchNames(DataInputStream in, SiblingNames names, List<String> entries)
            throws IOException {
        int count = Varint.readUnsignedInt(in, "batch size");
        int[] depths = new int[count];
        for (int i = 0; i < count; i++) {
            depths[i] = Varint.readUnsignedInt(in, "depth");
        }
        for (int i = 0; i < count; i++) {
            entries.add(entry(depths[i], names.read(in, depths[i], SnapshotFormat.NAME_BYTES_MAX)));
        }
        int statVarints = 2 + 7; // czxid, ctime and the rest
        int aclAndLengthVarints = 2;
        for (int i = 0; i < count * (statVarints + aclAndLengthVarints); i++) {
            Varint.readUnsigned(in, "column");
        }
    }

    private static String entry(int depth, byte[] name) {
        return depth + ":" + HexFormat.of().formatHex(name);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
