package io.chorus.datatree;

import io.chorus.api.EventType;
import io.chorus.api.Acl;
import java.util.List;

/**
 * A change to a path that fires watches: NODE_CREATED, NODE_DELETED, NODE_DATA_CHANGED or
 * NODE_CHILDREN_CHANGED. {@code acl} is what a watcher must hold READ under to hear of it, as ZooKeeper
 * 3.9.2+ checks: the node's own ACL (as it was, for a deletion), the parent's for NODE_CHILDREN_CHANGED.
 */
public record WatchTrigger(String path, EventType type, List<Acl> acl) {
}
