package io.chorus.datatree;

import io.chorus.api.Acl;
import io.chorus.datatree.codec.Cesu8;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.node.NodeStoreBuilder;
import io.chorus.datatree.node.StoredStat;
import io.chorus.datatree.snapshot.SnapshotWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Trees in states no short transaction history reaches (counters about to wrap), built node by node
 * and loaded through a snapshot, as a restarted server would load them.
 */
final class CraftedTrees {
    private CraftedTrees() {
    }

    /** A fresh-looking tree plus one child of the root with the given stored stat. */
    static DataTree withRootChild(String name, StoredStat stat) throws IOException {
        NodeStoreBuilder builder = new NodeStoreBuilder(true);
        Node root = builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0));
        byte[] path = Cesu8.encode("/" + name);
        builder.addChild(root, path, 1, path.length, new byte[0], Acl.OPEN_ACL_UNSAFE, stat);
        NodeStore store = builder.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter.write(out, store.freeze(), 100, List.of());
        return DataTree.readSnapshot(new ByteArrayInputStream(out.toByteArray()), TreeOptions.DEFAULTS);
    }
}
