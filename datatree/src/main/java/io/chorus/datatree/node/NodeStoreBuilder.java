package io.chorus.datatree.node;

import io.chorus.api.Acl;
import io.chorus.datatree.acl.AclInterner;
import io.chorus.datatree.codec.Cesu8;
import java.util.List;

/**
 * Builds a store top-down from nodes with explicit stats: the initial ZooKeeper tree, or a snapshot
 * being read. Each node is given with its full path in a caller-owned buffer (its name is the last
 * segment), so the digest and the owner indexes are built as nodes arrive. A malformed addition (no
 * root first, an empty name, a duplicate child, a path that does not extend its parent's) throws
 * IllegalArgumentException; the snapshot reader reports that as corruption.
 */
public final class NodeStoreBuilder {
    private final boolean extendedTypesEnabled;
    private final AclInterner acls = new AclInterner();
    private final OwnerIndex owners;
    private Node root;
    private long digest;
    private int nodeCount;

    public NodeStoreBuilder(boolean extendedTypesEnabled) {
        this.extendedTypesEnabled = extendedTypesEnabled;
        this.owners = new OwnerIndex(extendedTypesEnabled);
    }

    public Node addRoot(byte[] data, List<Acl> acl, StoredStat stat) {
        if (root != null) {
            throw new IllegalArgumentException("the tree already has a root");
        }
        requireOwnerless(stat, "/");
        root = new Node(new byte[0], 0, 0, data, acls.retain(acl), stat, 0);
        digest += NodeDigest.of(new byte[] {'/'}, 1, root);
        nodeCount = 1;
        return root;
    }

    /**
     * Adds a child of {@code parent}, whose own path is {@code path[0, nameStart - 1)} (or "/" when
     * {@code nameStart} is 1); the child's path is {@code path[0, pathEnd)}.
     */
    public Node addChild(Node parent, byte[] path, int nameStart, int pathEnd, byte[] data, List<Acl> acl,
            StoredStat stat) {
        if (root == null) {
            throw new IllegalArgumentException("a child before the root");
        }
        if (nameStart >= pathEnd || nameStart < 1 || path[nameStart - 1] != '/') {
            throw new IllegalArgumentException("empty or unseparated node name in "
                    + Cesu8.decodeTrusted(path, 0, pathEnd));
        }
        int nameLength = pathEnd - nameStart;
        if (parent.child(path, nameStart, nameLength) != null) {
            throw new IllegalArgumentException("duplicate node " + Cesu8.decodeTrusted(path, 0, pathEnd));
        }
        int parentLength = NodeStore.parentPathLength(nameStart);
        long parentBefore = NodeDigest.metaHash(path, parentLength, parent);
        Node child = new Node(path, nameStart, nameLength, data, acls.retain(acl), stat, 0);
        ChildTable table = parent.children();
        if (table == null) {
            table = new ChildTable(0);
            parent.replaceChildren(table);
        }
        table.insert(child);
        digest += NodeDigest.metaHash(path, parentLength, parent) - parentBefore + NodeDigest.of(path, pathEnd, child);
        nodeCount++;
        if (stat.ephemeralOwner() != 0) {
            owners.added(Cesu8.decodeTrusted(path, 0, pathEnd), stat.ephemeralOwner());
        }
        return child;
    }

    public long digest() {
        return digest;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public NodeStore build() {
        if (root == null) {
            throw new IllegalArgumentException("a tree needs a root");
        }
        return new NodeStore(extendedTypesEnabled, acls, owners, root, digest, nodeCount);
    }

    private void requireOwnerless(StoredStat stat, String path) {
        if (EphemeralOwner.of(stat.ephemeralOwner(), extendedTypesEnabled) != EphemeralOwner.NONE) {
            throw new IllegalArgumentException(path + " cannot have an ephemeral owner");
        }
    }
}
