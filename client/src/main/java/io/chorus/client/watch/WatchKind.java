package io.chorus.client.watch;

import io.chorus.api.AddWatchMode;
import io.chorus.api.EventType;
import io.chorus.api.WatcherType;
import java.util.EnumSet;
import java.util.Set;

/** The kinds of watch the client keeps, as ZooKeeper's client keeps them: each has its own path table. */
public enum WatchKind {
    /** Set by getData, or by exists on a node that exists: fires once on change or delete. */
    DATA(EventType.DATA_WATCH_REMOVED),
    /** Set by exists on a missing node: fires once when it is created. */
    EXIST(EventType.DATA_WATCH_REMOVED),
    /** Set by getChildren: fires once when the children change or the node goes. */
    CHILD(EventType.CHILD_WATCH_REMOVED),
    /** Set by addWatch(PERSISTENT): every data, child and delete event of the node, until removed. */
    PERSISTENT(EventType.PERSISTENT_WATCH_REMOVED),
    /** Set by addWatch(PERSISTENT_RECURSIVE): every data and delete event of the node and its subtree. */
    PERSISTENT_RECURSIVE(EventType.PERSISTENT_WATCH_REMOVED);

    private final EventType removedEvent;

    WatchKind(EventType removedEvent) {
        this.removedEvent = removedEvent;
    }

    /** The event a watcher of this kind receives when removeWatches takes it away. */
    public EventType removedEvent() {
        return removedEvent;
    }

    public static WatchKind of(AddWatchMode mode) {
        return mode == AddWatchMode.PERSISTENT ? PERSISTENT : PERSISTENT_RECURSIVE;
    }

    /** The kinds a removeWatches of this type covers (DATA covers exist watches, which are data watches too). */
    public static Set<WatchKind> coveredBy(WatcherType type) {
        return switch (type) {
            case CHILDREN -> EnumSet.of(CHILD);
            case DATA -> EnumSet.of(DATA, EXIST);
            case PERSISTENT -> EnumSet.of(PERSISTENT);
            case PERSISTENT_RECURSIVE -> EnumSet.of(PERSISTENT_RECURSIVE);
            case ANY -> EnumSet.allOf(WatchKind.class);
        };
    }
}
