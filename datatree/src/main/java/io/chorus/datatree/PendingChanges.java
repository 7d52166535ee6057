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
        Node node = store.lookup(path);
        return node == null ? null : PendingNode.of(node);
    }

    /** {@code parent} is the parent as {@link #get} returned it for this same validation step. */
    void created(String parentPath, PendingNode parent, String path, PendingNode node) {
        if (changed != null) {
            changed.put(parentPath, parent.withChildCreated());
            changed.put(path, node);
        }
    }

    void deleted(String parentPath, String path) {
        if (changed != null) {
            deleted(parentPath, require(parentPath), path);
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

    private PendingNode require(String path) {
        PendingNode node = get(path);
        if (node == null) {
            throw new IllegalStateException("validated change refers to missing node " + path);
        }
        return node;
    }
}
