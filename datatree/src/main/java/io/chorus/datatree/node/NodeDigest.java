package io.chorus.datatree.node;

import io.chorus.datatree.codec.Hash64;

/**
 * A node's contribution to the tree digest. The tree digest is the wrapping sum of every node's
 * contribution, so a change updates it in O(1) by subtracting the old contribution and adding the new
 * one, and equal trees have equal digests whatever order they were built in. A contribution is two
 * hashes: one over (path, stat, ACL) and one over (path, data), so that a parent whose stat changes
 * when a child comes or goes is rehashed without rereading its data.
 */
public final class NodeDigest {
    private static final long META_SEED = 0x5EED_0001L;
    private static final long DATA_SEED = 0x5EED_0002L;

    private NodeDigest() {
    }

    /** The whole contribution of a node at {@code path[0, pathLength)}. */
    public static long of(byte[] path, int pathLength, Node node) {
        return metaHash(path, pathLength, node) + dataHash(path, pathLength, node);
    }

    /** The part that covers path, stored stat, child count and ACL. */
    public static long metaHash(byte[] path, int pathLength, Node node) {
        return new Hash64(META_SEED)
                .add(path, 0, pathLength)
                .add(node.czxid).add(node.mzxid).add(node.pzxid)
                .add(node.ctime).add(node.mtime).add(node.ephemeralOwner)
                .add(node.version).add(node.cversion).add(node.aversion)
                .add(node.childCount())
                .add(node.aclList().contentHash())
                .finish();
    }

    /** The part that covers path and data (null data hashes apart from empty data). */
    public static long dataHash(byte[] path, int pathLength, Node node) {
        Hash64 hash = new Hash64(DATA_SEED).add(path, 0, pathLength);
        if (node.dataIsNull()) {
            hash.add(-1L);
        } else {
            hash.add(node.dataShared(), node.dataOffset(), node.dataLength());
        }
        return hash.finish();
    }
}
