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
    private final Map<String, PendingNode> changed = new HashMap<>();

    PendingChanges(NodeStore store) {
        this.store = store;
    }

    /** The node at {@code path} as validation should see it, or null when there is none. */
    PendingNode get(String path) {
        if (changed.containsKey(path)) {
            return changed.get(path);
        }
        Node node = store.lookup(path);
        return node == null ? null : PendingNode.of(node);
    }

    void created(String parentPath, String path, PendingNode node) {
        changed.put(parentPath, require(parentPath).withChildCreated());
        changed.put(path, node);
    }

    void deleted(String parentPath, String path) {
        changed.put(parentPath, require(parentPath).withChildDeleted());
        changed.put(path, null);
    }

    void updated(String path, PendingNode node) {
        changed.put(path, node);
    }

    private PendingNode require(String path) {
        PendingNode node = get(path);
        if (node == null) {
            throw new IllegalStateException("validated change refers to missing node " + path);
        }
        return node;
    }
}
