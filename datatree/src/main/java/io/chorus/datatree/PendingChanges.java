package io.chorus.datatree;

import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import java.util.HashMap;
import java.util.Map;

/**
 * The tree as the operations validated so far in one transaction would leave it, without changing the
 * tree: an overlay of changed nodes (null for deleted) over the store. A multi validates each op
 * against it, so "create /a, then create /a/b" works and a failure leaves the tree untouched
 * (ZooKeeper's outstanding change records, for one transaction).
 */
final class PendingChanges {
    private final NodeStore store;
    /** Null when nothing is recorded: a lone write is validated against the store and read by nothing later. */
    private final Map<String, PendingNode> changed;
    /**
     * The last node {@link #get} found in the store and its path: a create looks up the parent and then
     * the new name under it, and the second lookup starts from here instead of walking from the root.
     */
    private String lastPath;
    private Node lastNode;

    private PendingChanges(NodeStore store, Map<String, PendingNode> changed) {
        this.store = store;
        this.changed = changed;
    }

    /** For the ops of one multi: each sees what the ones before it changed. */
    static PendingChanges forMulti(NodeStore store) {
        return new PendingChanges(store, new HashMap<>());
    }

    /** For a write on its own: the store as it is; recording a change is a no-op, since no later op reads it. */
    static PendingChanges forSingleWrite(NodeStore store) {
        return new PendingChanges(store, null);
    }

    /** The node at {@code path} as validation should see it, or null when there is none. */
    PendingNode get(String path) {
        if (changed != null && changed.containsKey(path)) {
            return changed.get(path);
        }
        Node node = lastNode != null && isChildPath(lastPath, path)
                ? NodeStore.child(lastNode, path, lastPath.length() == 1 ? 1 : lastPath.length() + 1)
                : store.lookup(path);
        if (node == null) {
            return null;
        }
        lastPath = path;
        lastNode = node;
        return PendingNode.of(node);
    }

    /** {@code parent} is the parent as {@link #get} returned it for this same validation step. */
    void created(String parentPath, PendingNode parent, String path, PendingNode node) {
        if (changed != null) {
            changed.put(parentPath, parent.withChildCreated());
            changed.put(path, node);
        }
    }

    /** {@code parent} is the parent as {@link #get} returned it for this same validation step. */
    void deleted(String parentPath, PendingNode parent, String path) {
        if (changed != null) {
            changed.put(parentPath, parent.withChildDeleted());
            changed.put(path, null);
        }
    }

    void updated(String path, PendingNode node) {
        if (changed != null) {
            changed.put(path, node);
        }
    }

    /** Whether {@code path} is a child of {@code parent}: the parent's path, a slash, one more segment. */
    private static boolean isChildPath(String parent, String path) {
        int nameStart = parent.length() == 1 ? 1 : parent.length() + 1;
        return path.length() > nameStart && path.startsWith(parent)
                && (parent.length() == 1 || path.charAt(parent.length()) == '/')
                && path.indexOf('/', nameStart) < 0;
    }
}
