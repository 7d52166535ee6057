package io.chorus.datatree.node;

import io.chorus.api.Acl;
import io.chorus.datatree.codec.Cesu8;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Walks a tree and recomputes what {@link NodeStore} keeps incrementally, for its invariant checks. */
final class TreeAudit {
    private static final byte SLASH = '/';

    private final boolean extendedTypesEnabled;
    private final OwnerIndex owners;
    private final Map<List<Acl>, Integer> aclUses = new HashMap<>();
    private final Map<Node, Boolean> seen = new IdentityHashMap<>();
    private int nodes;
    private int ownedNodes;
    private long digest;

    TreeAudit(boolean extendedTypesEnabled, OwnerIndex owners) {
        this.extendedTypesEnabled = extendedTypesEnabled;
        this.owners = owners;
    }

    void walk(Node root) {
        ArrayDeque<Located> pending = new ArrayDeque<>();
        pending.push(new Located(root, new byte[] {SLASH}));
        while (!pending.isEmpty()) {
            Located item = pending.pop();
            visit(item.node(), item.path());
            for (Node child : item.node().childrenArray()) {
                pending.push(new Located(child, childPath(item.path(), child)));
            }
        }
    }

    private void visit(Node node, byte[] path) {
        NodeStore.check(seen.put(node, Boolean.TRUE) == null, "node reachable twice: " + node);
        nodes++;
        digest += NodeDigest.of(path, path.length, node);
        aclUses.merge(node.acl(), 1, Integer::sum);
        if (EphemeralOwner.of(node.ephemeralOwner, extendedTypesEnabled) != EphemeralOwner.NONE) {
            ownedNodes++;
            String decoded = Cesu8.decodeTrusted(path, 0, path.length);
            NodeStore.check(owners.lists(decoded, node.ephemeralOwner), "owner index misses " + decoded);
        }
        ChildTable table = node.children();
        if (table != null) {
            NodeStore.check(table.size() > 0, "empty child table kept at " + node);
            NodeStore.check(table.countReachable() == table.size(), "child table of " + node + " holds "
                    + table.size() + " children but " + table.countReachable() + " are reachable");
        }
    }

    private static byte[] childPath(byte[] parent, Node child) {
        int prefix = parent.length == 1 ? 1 : parent.length + 1;
        byte[] path = new byte[prefix + child.nameLength()];
        System.arraycopy(parent, 0, path, 0, parent.length);
        path[prefix - 1] = SLASH;
        System.arraycopy(child.nameBytesShared(), 0, path, prefix, child.nameLength());
        return path;
    }

    int nodes() {
        return nodes;
    }

    int ownedNodes() {
        return ownedNodes;
    }

    long digest() {
        return digest;
    }

    Map<List<Acl>, Integer> aclUses() {
        return aclUses;
    }

    /** A node with its encoded path. */
    private record Located(Node node, byte[] path) {
    }
}
