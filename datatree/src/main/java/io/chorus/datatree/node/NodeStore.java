package io.chorus.datatree.node;

import io.chorus.api.Acl;
import io.chorus.datatree.acl.AclInterner;
import io.chorus.datatree.acl.AclList;
import io.chorus.datatree.codec.Cesu8;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The tree of nodes: path lookup, the four changes a transaction can make (create, delete, set data,
 * set ACL), the running digest, the node count and the owner indexes. Changes are assumed validated;
 * one that would corrupt the tree (a missing parent, a duplicate child, deleting a node with children)
 * throws IllegalStateException instead. While a snapshot is open ({@link #freeze()}), every node and
 * child table it may read is copied before it changes, so the snapshot sees the tree exactly as frozen.
 * Apply thread only (except {@link #release}).
 */
public final class NodeStore {
    private static final byte SLASH = '/';

    private final boolean extendedTypesEnabled;
    private final AclInterner acls;
    private final OwnerIndex owners;
    private final SnapshotMarks marks = new SnapshotMarks();
    private Node root;
    /** Stamped on every node and table created now; raised when a snapshot begins. */
    private int generation;
    private long digest;
    private int nodeCount;

    NodeStore(boolean extendedTypesEnabled, AclInterner acls, OwnerIndex owners, Node root, long digest,
            int nodeCount) {
        this.extendedTypesEnabled = extendedTypesEnabled;
        this.acls = acls;
        this.owners = owners;
        this.root = root;
        this.digest = digest;
        this.nodeCount = nodeCount;
        this.generation = root.generation();
    }

    public boolean extendedTypesEnabled() {
        return extendedTypesEnabled;
    }

    public long digest() {
        return digest;
    }

    /** Znodes in the tree, the root included. */
    public int nodeCount() {
        return nodeCount;
    }

    public OwnerIndex owners() {
        return owners;
    }

    public int aclListCount() {
        return acls.size();
    }

    // ---- reads

    /** The node at {@code path}, or null when there is none (a malformed path names none). */
    public Node lookup(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        if (path.length() == 1) {
            return root;
        }
        byte[] bytes = Cesu8.encode(path);
        Node current = root;
        int start = 1;
        while (current != null) {
            int end = indexOfSlash(bytes, start);
            if (end == start) {
                return null;
            }
            current = current.child(bytes, start, end - start);
            if (end == bytes.length) {
                return current;
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * The child of {@code parent} named by {@code path} from {@code nameStart} on (the caller has checked
     * that {@code path} is the parent's path, a slash and one segment), or null.
     */
    public static Node child(Node parent, String path, int nameStart) {
        byte[] name = Cesu8.encode(path.substring(nameStart));
        return parent.child(name, 0, name.length);
    }

    /** The number of nodes below {@code node} (all descendants, not the node itself). */
    public static int descendantCount(Node node) {
        int count = 0;
        ArrayDeque<Node> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty()) {
            for (Node child : pending.pop().childrenArray()) {
                count++;
                pending.push(child);
            }
        }
        return count;
    }

    // ---- changes (validated by the caller)

    /** Adds a child of {@code parentPath} named by the last segment of {@code path}; returns it. */
    public Node create(String parentPath, String path, byte[] data, List<Acl> acl, long ephemeralOwner,
            long zxid, long timeMillis) {
        byte[] pathBytes = Cesu8.encode(path);
        int nameStart = lastIndexOfSlash(pathBytes) + 1;
        int parentLength = parentPathLength(nameStart);
        if (nameStart == pathBytes.length || !isParentOf(parentPath, path)) {
            throw new IllegalStateException("create: " + path + " is not a child of " + parentPath);
        }
        // The parent's bytes are the path's first parentLength bytes: no second encoding.
        int copyBelow = marks.copyBelow();
        Node parent = ownedNodeAt(pathBytes, parentLength, copyBelow);
        if (parent == null) {
            throw new IllegalStateException("create: parent missing for " + path);
        }
        long parentBefore = NodeDigest.metaHash(pathBytes, parentLength, parent);
        ChildTable table = ownedChildren(parent, copyBelow);
        Node child = new Node(pathBytes, nameStart, pathBytes.length - nameStart, data, acls.retain(acl),
                StoredStat.created(zxid, timeMillis, ephemeralOwner), generation);
        try {
            table.insert(child);
        } catch (IllegalStateException duplicate) {
            // insert refuses a name already present before changing anything: undo the ACL reference.
            acls.release(child.aclList());
            throw new IllegalStateException("create: child already present: " + path, duplicate);
        }
        parent.cversion++;
        parent.pzxid = zxid;
        digest += NodeDigest.metaHash(pathBytes, parentLength, parent) - parentBefore
                + NodeDigest.of(pathBytes, pathBytes.length, child);
        nodeCount++;
        owners.added(path, ephemeralOwner);
        return child;
    }

    /** Removes the childless node at {@code path}. */
    public void delete(String parentPath, String path, long zxid) {
        byte[] pathBytes = Cesu8.encode(path);
        int nameStart = lastIndexOfSlash(pathBytes) + 1;
        int parentLength = parentPathLength(nameStart);
        if (nameStart == pathBytes.length || !isParentOf(parentPath, path)) {
            throw new IllegalStateException("delete: " + path + " is not a child of " + parentPath);
        }
        int copyBelow = marks.copyBelow();
        Node parent = ownedNodeAt(pathBytes, parentLength, copyBelow);
        Node child = parent == null ? null : parent.child(pathBytes, nameStart, pathBytes.length - nameStart);
        if (child == null || child.childCount() > 0) {
            throw new IllegalStateException("delete: " + path + " is missing or has children");
        }
        long parentBefore = NodeDigest.metaHash(pathBytes, parentLength, parent);
        long childDigest = NodeDigest.of(pathBytes, pathBytes.length, child);
        ChildTable table = ownedChildren(parent, copyBelow);
        table.remove(pathBytes, nameStart, pathBytes.length - nameStart);
        if (table.size() == 0) {
            parent.replaceChildren(null);
        }
        parent.pzxid = Math.max(parent.pzxid, zxid);
        digest += NodeDigest.metaHash(pathBytes, parentLength, parent) - parentBefore - childDigest;
        nodeCount--;
        acls.release(child.aclList());
        owners.removed(path, child.ephemeralOwner);
    }

    public Node setData(String path, byte[] data, int newVersion, long zxid, long timeMillis) {
        byte[] pathBytes = Cesu8.encode(path);
        Node node = requireOwned(pathBytes, path);
        long before = NodeDigest.of(pathBytes, pathBytes.length, node);
        node.replaceData(data);
        node.version = newVersion;
        node.mzxid = zxid;
        node.mtime = timeMillis;
        digest += NodeDigest.of(pathBytes, pathBytes.length, node) - before;
        return node;
    }

    public Node setAcl(String path, List<Acl> acl, int newAversion) {
        byte[] pathBytes = Cesu8.encode(path);
        Node node = requireOwned(pathBytes, path);
        long before = NodeDigest.metaHash(pathBytes, pathBytes.length, node);
        AclList replacement = acls.retain(acl);
        acls.release(node.aclList());
        node.replaceAcl(replacement);
        node.aversion = newAversion;
        digest += NodeDigest.metaHash(pathBytes, pathBytes.length, node) - before;
        return node;
    }

    // ---- snapshots

    /** Freezes the current tree for a snapshot; from now on shared nodes are copied before they change. */
    public FrozenTree freeze() {
        generation++;
        marks.open(generation);
        return new FrozenTree(root, generation, digest, nodeCount);
    }

    /** Ends a freeze; callable from any thread once nothing reads the frozen tree any more. */
    public void release(FrozenTree frozen) {
        marks.close(frozen.generation());
    }

    public int openSnapshotCount() {
        return marks.openCount();
    }

    // ---- invariants

    /**
     * Walks the whole tree and throws IllegalStateException unless the node count, the digest, every
     * child table, the owner indexes and the ACL reference counts agree with the nodes. O(nodes).
     */
    public void checkInvariants() {
        TreeAudit audit = new TreeAudit(extendedTypesEnabled, owners);
        audit.walk(root);
        check(audit.nodes() == nodeCount, "node count " + nodeCount + " but the tree holds " + audit.nodes());
        check(audit.digest() == digest, "running digest " + digest + " but the nodes hash to " + audit.digest());
        check(audit.ownedNodes() == owners.size(),
                "owner index holds " + owners.size() + " paths but " + audit.ownedNodes() + " nodes have owners");
        check(audit.aclUses().size() == acls.size(),
                acls.size() + " interned ACL lists but " + audit.aclUses().size() + " in use");
        for (Map.Entry<List<Acl>, Integer> use : audit.aclUses().entrySet()) {
            check(acls.referencesOf(use.getKey()) == use.getValue(), "ACL " + use.getKey() + " referenced "
                    + acls.referencesOf(use.getKey()) + " times but used by " + use.getValue() + " nodes");
        }
    }

    static void check(boolean condition, String violation) {
        if (!condition) {
            throw new IllegalStateException("tree invariant broken: " + violation);
        }
    }

    // ---- copy-on-write walking

    private Node requireOwned(byte[] pathBytes, String path) {
        Node node = ownedNodeAt(pathBytes, pathBytes.length, marks.copyBelow());
        if (node == null) {
            throw new IllegalStateException("no node at " + path);
        }
        return node;
    }

    /**
     * The node at the path in {@code path[0, pathLength)}, copying it and its ancestors first where a
     * snapshot may share them.
     */
    private Node ownedNodeAt(byte[] path, int pathLength, int copyBelow) {
        if (root.generation() < copyBelow) {
            root = root.copyInto(generation);
        }
        Node current = root;
        int start = 1;
        while (start < pathLength) {
            int end = indexOfSlash(path, start, pathLength);
            Node child = current.child(path, start, end - start);
            if (child == null) {
                return null;
            }
            if (child.generation() < copyBelow) {
                Node copy = child.copyInto(generation);
                ownedChildren(current, copyBelow).replace(child, copy);
                child = copy;
            }
            current = child;
            start = end + 1;
        }
        return current;
    }

    private ChildTable ownedChildren(Node node, int copyBelow) {
        ChildTable table = node.children();
        if (table == null) {
            table = new ChildTable(generation);
            node.replaceChildren(table);
        } else if (table.generation() < copyBelow) {
            table = table.copyInto(generation);
            node.replaceChildren(table);
        }
        return table;
    }

    private static int indexOfSlash(byte[] bytes, int from) {
        return indexOfSlash(bytes, from, bytes.length);
    }

    /** The first slash in {@code bytes[from, end)}, or {@code end}. */
    private static int indexOfSlash(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == SLASH) {
                return i;
            }
        }
        return end;
    }

    /**
     * Whether {@code parentPath} is {@code path} without its last segment. Compared as strings: a slash
     * never occurs inside a multi-byte CESU-8 sequence, so the parent's bytes are then the path's bytes
     * before its last slash.
     */
    private static boolean isParentOf(String parentPath, String path) {
        int slash = path.lastIndexOf('/');
        if (slash == 0) {
            return "/".equals(parentPath);
        }
        return slash > 0 && parentPath.length() == slash && path.startsWith(parentPath);
    }

    private static int lastIndexOfSlash(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == SLASH) {
                return i;
            }
        }
        return -1;
    }

    /** The length of the parent's path given where a child's name starts ("/" for children of the root). */
    static int parentPathLength(int nameStart) {
        return nameStart == 1 ? 1 : nameStart - 1;
    }
}
