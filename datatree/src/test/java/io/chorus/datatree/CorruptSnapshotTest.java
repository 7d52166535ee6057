package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.datatree.codec.Cesu8;
import io.chorus.datatree.node.FrozenTree;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.node.NodeStoreBuilder;
import io.chorus.datatree.node.StoredStat;
import io.chorus.datatree.snapshot.SnapshotWriter;
import io.chorus.datatree.txn.TxnBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of damage is an IOException that says what is wrong; nothing half-loads. */
class CorruptSnapshotTest {
    /** Magic, version and zxid, as the snapshot package writes them. */
    private static final int PREAMBLE_BYTES = 8 + 4 + 8;

    private byte[] good;
    private String name;

    @BeforeEach
    void writeAGoodSnapshot() throws IOException {
        TreeFixture fx = new TreeFixture();
        fx.create("/a");
        fx.create("/a/b");
        fx.create("/e", CreateMode.EPHEMERAL);
        fx.apply(new TxnBody.SetData("/a/b", new byte[200_000], -1));
        good = Snapshots.bytesOf(fx.tree);
        name = "snapshot 0x" + Long.toHexString(fx.tree.lastAppliedZxid());
    }

    @Test
    void everySingleBitFlipIsDetected() {
        for (int position = 0; position < good.length; position++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] bad = good.clone();
                bad[position] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> Snapshots.load(bad)).as("bit %d at %d", bit, position)
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void everyTruncationIsDetected() {
        for (int length = 0; length < good.length; length++) {
            byte[] bad = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> Snapshots.load(bad)).as("truncated to %d", length).isInstanceOf(IOException.class);
        }
        byte[] lastByteMissing = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> Snapshots.load(lastByteMissing)).hasMessageContaining("truncated " + name);
    }

    @Test
    void wrongMagicOrVersionIsNamed() {
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> Snapshots.load(magic)).hasMessageContaining("not a Chorus snapshot");
        byte[] version = good.clone();
        version[11] = 9;
        assertThatThrownBy(() -> Snapshots.load(version)).hasMessageContaining("unsupported snapshot version 9");
        assertThatThrownBy(() -> Snapshots.load(new byte[0])).hasMessageContaining("not a Chorus snapshot");
    }

    @Test
    void earlierFormatVersionsAreRefusedByName() {
        for (byte version = 1; version <= 2; version++) {
            byte[] earlier = good.clone();
            earlier[11] = version;
            assertThatThrownBy(() -> Snapshots.load(earlier))
                    .hasMessage("unsupported snapshot version " + version + " (this build reads version 3 only)");
        }
    }

    @Test
    void aDamagedCompressedChunkIsAChecksumErrorNamingTheSnapshotAndChunk() {
        byte[] bad = good.clone();
        bad[PREAMBLE_BYTES + 8 + 5] ^= 1; // inside chunk 0's compressed bytes
        assertThatThrownBy(() -> Snapshots.load(bad))
                .hasMessageStartingWith("corrupt " + name + ": checksum mismatch in chunk 0");
    }

    @Test
    void aPreambleNamingAnotherSnapshotIsCaughtByTheChecksummedHeader() {
        byte[] bad = good.clone();
        bad[PREAMBLE_BYTES - 1] ^= 0x10;
        assertThatThrownBy(() -> Snapshots.load(bad)).hasMessageContaining("the preamble says zxid");
    }

    @Test
    void digestThatDoesNotMatchTheNodesIsRejected() throws IOException {
        NodeStore store = SystemNodes.freshStore(true);
        FrozenTree frozen = store.freeze();
        FrozenTree lying = new FrozenTree(frozen.root(), frozen.generation(), frozen.digest() + 1, frozen.nodeCount());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter.write(out, lying, 5, List.of());
        assertThatThrownBy(() -> Snapshots.load(out.toByteArray())).hasMessageContaining("digest mismatch");
    }

    @Test
    void nodeCountThatDoesNotMatchIsRejected() throws IOException {
        FrozenTree frozen = SystemNodes.freshStore(true).freeze();
        FrozenTree lying = new FrozenTree(frozen.root(), frozen.generation(), frozen.digest(), frozen.nodeCount() + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter.write(out, lying, 5, List.of());
        assertThatThrownBy(() -> Snapshots.load(out.toByteArray())).hasMessageContaining("nodes");
    }

    @Test
    void ephemeralsWithoutTheirSessionAreRejected() throws IOException {
        NodeStoreBuilder builder = new NodeStoreBuilder(true);
        Node root = builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0));
        byte[] path = Cesu8.encode("/e");
        builder.addChild(root, path, 1, path.length, null, Acl.OPEN_ACL_UNSAFE, StoredStat.created(3, 3, 0x42));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter.write(out, builder.build().freeze(), 3, List.of());
        assertThatThrownBy(() -> Snapshots.load(out.toByteArray())).hasMessageContaining("no such session");
    }

    @Test
    void theGoodSnapshotLoads() throws IOException {
        assertThat(Snapshots.load(good).nodeCount()).isEqualTo(7);
    }
}
