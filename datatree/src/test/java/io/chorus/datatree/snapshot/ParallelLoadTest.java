package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.Id;
import io.chorus.datatree.codec.Cesu8;
import io.chorus.datatree.node.FrozenTree;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.node.NodeStoreBuilder;
import io.chorus.datatree.node.StoredStat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot of many chunks loads to the same tree, digest and sessions whatever the number of decode
 * threads, re-writes to the same bytes, and leaves no decode thread behind.
 */
class ParallelLoadTest {
    private static final long ZXID = 0x5_0000_4e20L;
    private static final List<StoredSession> SESSIONS = List.of(new StoredSession(0x11, 30_000, new byte[16]),
            new StoredSession(0x12, 4_000, new byte[] {1, 2, 3}));

    private static NodeStore original;
    private static byte[] snapshot;

    /** 20,000 nodes, half with incompressible values, so the snapshot spans a dozen chunks. */
    @BeforeAll
    static void writeAManyChunkSnapshot() throws IOException {
        NodeStoreBuilder builder = new NodeStoreBuilder(true);
        Node root = builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0));
        List<Acl> readOnly = List.of(new Acl(Acl.READ, new Id("ip", "10.0.0.0/8")));
        SplittableRandom random = new SplittableRandom(17);
        int zxid = 1;
        for (int p = 0; p < 20; p++) {
            byte[] parentPath = Cesu8.encode(String.format("/p%02d", p));
            Node parent = builder.addChild(root, parentPath, 1, parentPath.length, null, Acl.OPEN_ACL_UNSAFE,
                    StoredStat.created(zxid++, 1_000L + p, 0));
            for (int c = 0; c < 1_000; c++) {
                byte[] path = Cesu8.encode(String.format("/p%02d/n%05d", p, c));
                byte[] value = new byte[c % 200];
                if (c % 2 == 0) {
                    random.nextBytes(value);
                }
                long owner = c % 97 == 0 ? 0x11 : 0;
                builder.addChild(parent, path, 5, path.length, value, c % 3 == 0 ? readOnly : Acl.OPEN_ACL_UNSAFE,
                        StoredStat.created(zxid++, 2_000L + c, owner));
            }
        }
        original = builder.build();
        snapshot = bytesOf(original, ZXID);
        assertThat(snapshot.length).as("compressed size").isGreaterThan(SnapshotFormat.CHUNK_RAW_BYTES_MAX * 4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, SnapshotFormat.DECODE_THREADS_MAX})
    void everyNumberOfDecodeThreadsLoadsTheSameTreeDigestAndSessions(int decodeThreads) throws IOException {
        LoadedSnapshot loaded = SnapshotReader.read(new ByteArrayInputStream(snapshot), true, decodeThreads);

        assertThat(loaded.zxid()).isEqualTo(ZXID);
        assertThat(loaded.store().digest()).isEqualTo(original.digest());
        assertThat(loaded.store().nodeCount()).isEqualTo(original.nodeCount()).isEqualTo(20_021);
        assertThat(loaded.sessions()).extracting(StoredSession::sessionId).containsExactly(0x11L, 0x12L);
        assertThat(bytesOf(loaded.store(), loaded.zxid())).as("re-written byte for byte").isEqualTo(snapshot);
        loaded.store().checkInvariants();
    }

    @Test
    void theDefaultReaderLoadsTheTreeAndStopsItsThreads() throws IOException, InterruptedException {
        LoadedSnapshot loaded = SnapshotReader.read(new ByteArrayInputStream(snapshot), true);
        assertThat(loaded.store().digest()).isEqualTo(original.digest());
        assertThat(SnapshotFormat.decodeThreads()).isBetween(1, SnapshotFormat.DECODE_THREADS_MAX);
        assertNoDecodeThreadOutlivesItsRead();
    }

    @Test
    void aDamagedChunkFarIntoTheStreamFailsTheLoadAndStopsTheThreads() throws InterruptedException {
        byte[] bad = snapshot.clone();
        bad[bad.length - 1_000] ^= 0x08;
        assertThatThrownBy(() -> SnapshotReader.read(new ByteArrayInputStream(bad), true, 3))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("corrupt snapshot 0x500004e20: checksum mismatch in chunk ");
        assertNoDecodeThreadOutlivesItsRead();
    }

    private static void assertNoDecodeThreadOutlivesItsRead() throws InterruptedException {
        // the pool is terminated when read returns; a worker may still be leaving run(), so join it
        for (Thread thread : decodeThreads()) {
            thread.join(5_000);
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }
    }

    private static Thread[] decodeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("chorus-snapshot-decode-") && t.isAlive())
                .toArray(Thread[]::new);
    }

    private static byte[] bytesOf(NodeStore store, long zxid) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrozenTree frozen = store.freeze();
        try {
            SnapshotWriter.write(out, frozen, zxid, SESSIONS);
        } finally {
            store.release(frozen);
        }
        return out.toByteArray();
    }
}
