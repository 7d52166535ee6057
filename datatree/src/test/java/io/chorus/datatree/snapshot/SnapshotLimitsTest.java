package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.datatree.node.NodeStoreBuilder;
import io.chorus.datatree.node.StoredStat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Snapshots whose checksums are right but whose content is not: every bound is enforced before
 * anything is allocated, and any garbage is an IOException. The bodies are framed by the real
 * chunk writer, so only the record layer is under test.
 */
class SnapshotLimitsTest {
    @Test
    void nodeDataBeyondTheLimitIsRejected() {
        assertCorrupt(body -> {
            header(body, 1);
            openAcl(body);
            rootBatchUpToDataLength(body);
            Varint.writeUnsigned(body, SnapshotFormat.NODE_DATA_BYTES_MAX + 2L); // a length plus one
        }, "claims " + (SnapshotFormat.NODE_DATA_BYTES_MAX + 1) + " data bytes");
    }

    @Test
    void nameBeyondTheLimitIsRejected() {
        assertCorrupt(body -> {
            header(body, 2);
            openAcl(body);
            batchHeader(body, 2);
            Varint.writeUnsigned(body, 0); // depths
            Varint.writeUnsigned(body, 1);
            Varint.writeUnsigned(body, 0); // the root's name: nothing shared, nothing more
            Varint.writeUnsigned(body, 0);
            Varint.writeUnsigned(body, 0); // the child's: nothing shared, too much more
            Varint.writeUnsigned(body, SnapshotFormat.NAME_BYTES_MAX + 1);
        }, "at most " + SnapshotFormat.NAME_BYTES_MAX + " in all");
    }

    @Test
    void aRootWithANameOrAChildWithoutOneIsRejected() {
        assertCorrupt(body -> {
            header(body, 1);
            openAcl(body);
            batchHeader(body, 1);
            Varint.writeUnsigned(body, 0);
            Varint.writeUnsigned(body, 0);
            Varint.writeUnsigned(body, 1);
            body.writeByte('a');
        }, "node #0 at depth 0 with a 1-byte name does not fit the tree");
        assertCorrupt(body -> {
            header(body, 2);
            openAcl(body);
            batchHeader(body, 2);
            Varint.writeUnsigned(body, 0);
            Varint.writeUnsigned(body, 1);
            for (int i = 0; i < 2; i++) {
                Varint.writeUnsigned(body, 0);
                Varint.writeUnsigned(body, 0);
            }
        }, "node #1 at depth 1 with a 0-byte name does not fit the tree");
    }

    @Test
    void batchesOfNoNodesOrMoreThanTheLimitAreRejected() {
        for (int count : new int[] {0, SnapshotFormat.BATCH_NODES_MAX + 1}) {
            assertCorrupt(body -> {
                header(body, 1);
                openAcl(body);
                batchHeader(body, count);
            }, "a batch of " + count + " nodes after 0");
        }
    }

    @Test
    void aclWithTooManyEntriesOrTooLongStringsIsRejected() {
        assertCorrupt(body -> {
            header(body, 1);
            body.writeByte(SnapshotFormat.TAG_ACL);
            body.writeInt(0);
            body.writeInt(SnapshotFormat.ACL_ENTRIES_MAX + 1);
        }, "bad ACL definition");
        assertCorrupt(body -> {
            header(body, 1);
            body.writeByte(SnapshotFormat.TAG_ACL);
            body.writeInt(0);
            body.writeInt(1);
            body.writeInt(31);
            body.writeInt(SnapshotFormat.ACL_STRING_BYTES_MAX + 1);
        }, "ACL scheme claims");
    }

    @Test
    void passwordBeyondTheLimitIsRejected() {
        assertCorrupt(body -> {
            body.writeLong(0);
            body.writeLong(rootOnlyDigest());
            body.writeInt(1);
            body.writeInt(1);
            openAcl(body);
            rootBatchUpToDataLength(body);
            Varint.writeUnsigned(body, 1);
            body.writeByte(SnapshotFormat.TAG_END_OF_NODES);
            body.writeLong(7);
            body.writeInt(1000);
            body.writeInt(SnapshotFormat.PASSWORD_BYTES_MAX + 1);
        }, "bad session record");
    }

    @Test
    void nodeDeeperThanItsPredecessorAllowsIsRejected() {
        assertCorrupt(body -> {
            header(body, 2);
            openAcl(body);
            batchHeader(body, 2);
            Varint.writeUnsigned(body, 0);
            Varint.writeUnsigned(body, 2);
        }, "node #1 at depth 2 does not fit the tree");
    }

    @Test
    void varintsThatOverflowTheirFieldAreCorruptionNamingTheSnapshot() {
        assertCorrupt(body -> {
            header(body, 1);
            openAcl(body);
            body.writeByte(SnapshotFormat.TAG_NODES);
            body.write(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 2});
        }, "corrupt snapshot 0x0: batch size overflows 64 bits");
        assertCorrupt(body -> {
            header(body, 1);
            openAcl(body);
            batchHeader(body, 1);
            Varint.writeUnsigned(body, Integer.MAX_VALUE + 1L);
        }, "corrupt snapshot 0x0: depth 2147483648 does not fit an int");
        assertCorrupt(body -> {
            header(body, 1);
            openAcl(body);
            batchHeader(body, 1);
            Varint.writeUnsigned(body, 0); // depth
            Varint.writeUnsigned(body, 0); // name
            Varint.writeUnsigned(body, 0);
            Varint.writeSigned(body, 0); // czxid
            Varint.writeSigned(body, 0); // ctime
            Varint.writeSigned(body, 0); // mzxid
            Varint.writeSigned(body, 0); // pzxid
            Varint.writeSigned(body, 0); // mtime
            Varint.writeSigned(body, 0); // owner
            Varint.writeSigned(body, Integer.MIN_VALUE - 1L); // version
        }, "version -2147483649 does not fit an int");
    }

    @Test
    void undefinedAclAndUnknownTagsAreRejected() {
        assertCorrupt(body -> {
            header(body, 1);
            rootBatchUpToDataLength(body);
        }, "undefined ACL #0");
        assertCorrupt(body -> {
            header(body, 1);
            body.writeByte(99);
        }, "unknown record tag 99");
    }

    @Property(tries = 1000)
    void garbageBehindValidChecksumsIsOnlyEverAnIoException(@ForAll byte[] garbage) throws IOException {
        // the zxid matches the preamble's, so the garbage reaches the record parser
        byte[] snapshot = frame(body -> {
            body.writeLong(0);
            body.write(garbage);
        });
        try {
            SnapshotReader.read(new ByteArrayInputStream(snapshot), true);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private interface BodyWriter {
        void write(DataOutputStream body) throws IOException;
    }

    private static void assertCorrupt(BodyWriter writer, String message) {
        assertThatThrownBy(() -> SnapshotReader.read(new ByteArrayInputStream(frame(writer)), true))
                .isInstanceOf(IOException.class).hasMessageContaining(message);
    }

    private static byte[] frame(BodyWriter writer) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SnapshotFormat.writePreamble(sink, 0);
        try (ChunkedOutputStream chunks = new ChunkedOutputStream(sink)) {
            DataOutputStream body = new DataOutputStream(chunks);
            writer.write(body);
            body.flush();
            chunks.finish();
        }
        return sink.toByteArray();
    }

    private static void header(DataOutputStream body, int nodeCount) throws IOException {
        body.writeLong(0);
        body.writeLong(0);
        body.writeInt(nodeCount);
        body.writeInt(0);
    }

    private static void openAcl(DataOutputStream body) throws IOException {
        body.writeByte(SnapshotFormat.TAG_ACL);
        body.writeInt(0);
        body.writeInt(1);
        body.writeInt(31);
        body.writeInt(5);
        body.writeBytes("world");
        body.writeInt(6);
        body.writeBytes("anyone");
    }

    private static void batchHeader(DataOutputStream body, int count) throws IOException {
        body.writeByte(SnapshotFormat.TAG_NODES);
        Varint.writeUnsigned(body, count);
    }

    /** A batch of the root alone, up to (not including) its data length: no name, a zero stat, ACL #0. */
    private static void rootBatchUpToDataLength(DataOutputStream body) throws IOException {
        batchHeader(body, 1);
        Varint.writeUnsigned(body, 0); // depth
        Varint.writeUnsigned(body, 0); // name: nothing shared
        Varint.writeUnsigned(body, 0); // and nothing more
        StoredStat zero = new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0);
        StatCodec stats = new StatCodec();
        stats.writeCzxid(body, zero.czxid());
        stats.writeCtime(body, zero.ctime());
        StatCodec.writeRest(body, zero);
        Varint.writeUnsigned(body, 0); // ACL index
    }

    private static long rootOnlyDigest() {
        NodeStoreBuilder builder = new NodeStoreBuilder(true);
        builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0));
        return builder.digest();
    }
}
