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
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Node batches cut the pre-order walk anywhere: inside a chain deeper than a batch, between a node and
 * its first child, between siblings numbered by a counter. Every such cut reloads the same tree.
 */
class BatchBoundaryTest {
    private static final int BATCH = SnapshotFormat.BATCH_NODES_MAX;

    @Test
    void chainsWideLevelsAndCountersAcrossBatchesReloadTheSameTree() throws IOException {
        NodeStoreBuilder builder = new NodeStoreBuilder(true);
        Node root = builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, stat(0));
        long zxid = 1;
        // a chain longer than two batches, with a counter-named sibling under every link
        Node link = root;
        StringBuilder path = new StringBuilder();
        for (int depth = 1; depth <= 2 * BATCH + 7; depth++) {
            path.append("/c");
            byte[] bytes = Cesu8.encode(path.toString());
            Node next = builder.addChild(link, bytes, bytes.length - 1, bytes.length, new byte[] {(byte) depth},
                    Acl.OPEN_ACL_UNSAFE, stat(zxid++));
            byte[] sibling = Cesu8.encode(path.substring(0, path.length() - 1) + "lock-" + String.format("%010d", depth));
            builder.addChild(link, sibling, bytes.length - 1, sibling.length, null, Acl.OPEN_ACL_UNSAFE, stat(zxid++));
            link = next;
        }
        // then a wide level of counters right after it, spanning batches, some values null
        byte[] parentPath = Cesu8.encode("/wide");
        Node wide = builder.addChild(root, parentPath, 1, parentPath.length, null, Acl.OPEN_ACL_UNSAFE, stat(zxid++));
        for (int i = 0; i < 3 * BATCH + 1; i++) {
            byte[] bytes = Cesu8.encode(String.format("/wide/q%09d", i * 7));
            builder.addChild(wide, bytes, 6, bytes.length, i % 5 == 0 ? null : Cesu8.encode("v" + i),
                    Acl.OPEN_ACL_UNSAFE, stat(zxid++));
        }
        NodeStore original = builder.build();
        byte[] snapshot = bytesOf(original, zxid);

        LoadedSnapshot loaded = SnapshotReader.read(new ByteArrayInputStream(snapshot), true);
        assertThat(loaded.store().nodeCount()).isEqualTo(original.nodeCount());
        assertThat(loaded.store().digest()).isEqualTo(original.digest());
        assertThat(bytesOf(loaded.store(), zxid)).isEqualTo(snapshot);
    }

    private static StoredStat stat(long zxid) {
        return StoredStat.created(zxid, 1_000 + zxid * 3, 0);
    }

    private static byte[] bytesOf(NodeStore store, long zxid) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrozenTree frozen = store.freeze();
        try {
            SnapshotWriter.write(out, frozen, zxid, List.of());
        } finally {
            store.release(frozen);
        }
        return out.toByteArray();
    }
}
