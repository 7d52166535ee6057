package io.chorus.datatree;

import io.chorus.api.Acl;
import io.chorus.datatree.codec.Cesu8;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.node.NodeStoreBuilder;
import io.chorus.datatree.node.StoredStat;
import java.util.List;

/**
 * The nodes every ZooKeeper tree starts with, as a fresh ZooKeeper 3.9 shows them: "/", "/zookeeper",
 * "/zookeeper/quota" and "/zookeeper/config" (read-only for the world, aversion -1), all with zero
 * stats and empty data. These four cannot be deleted (BADARGUMENTS, as ZooKeeper).
 */
final class SystemNodes {
    static final String ROOT = "/";
    static final String ZOOKEEPER = "/zookeeper";
    static final String QUOTA = "/zookeeper/quota";
    static final String CONFIG = "/zookeeper/config";

    private static final StoredStat ZERO = new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0);
    /** ZooKeeper sets the config node's ACL with version -1 at start-up, leaving aversion -1. */
    private static final StoredStat CONFIG_STAT = new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, -1);

    private SystemNodes() {
    }

    static boolean isProtected(String path) {
        return ROOT.equals(path) || ZOOKEEPER.equals(path) || QUOTA.equals(path) || CONFIG.equals(path);
    }

    static NodeStore freshStore(boolean extendedTypesEnabled) {
        NodeStoreBuilder builder = new NodeStoreBuilder(extendedTypesEnabled);
        Node root = builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, ZERO);
        Node zookeeper = addChild(builder, root, ZOOKEEPER, Acl.OPEN_ACL_UNSAFE, ZERO);
        addChild(builder, zookeeper, QUOTA, Acl.OPEN_ACL_UNSAFE, ZERO);
        addChild(builder, zookeeper, CONFIG, Acl.READ_ACL_UNSAFE, CONFIG_STAT);
        return builder.build();
    }

    private static Node addChild(NodeStoreBuilder builder, Node parent, String path, List<Acl> acl,
            StoredStat stat) {
        byte[] bytes = Cesu8.encode(path);
        return builder.addChild(parent, bytes, path.lastIndexOf('/') + 1, bytes.length, new byte[0], acl, stat);
    }
}
