package io.chorus.datatree.watch;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.EventType;
import io.chorus.api.KeeperState;
import io.chorus.api.Stat;
import io.chorus.api.WatchedEvent;
import io.chorus.api.WatcherType;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.WatchTrigger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The watches of one server's sessions (not replicated), with ZooKeeper 3.9's semantics: one-shot
 * data, exist and child watches are removed as they fire; persistent watches fire for every event on
 * their path and stay; persistent recursive watches fire for created, deleted and data-changed events
 * on their path and below, never for children-changed. A session gets at most one notification per
 * trigger. Notifications within a trigger are ordered by session id. Apply thread only.
 */
public final class WatchManager {
    /** path -> session -> {@link WatchModes} bits. */
    private final Map<String, TreeMap<Long, Integer>> byPath = new HashMap<>();
    private final Map<Long, Set<String>> pathsBySession = new HashMap<>();
    /** (path, session) pairs holding a data-table mode, and a child-table mode: ZooKeeper's watch count. */
    private int dataWatchCount;
    private int childWatchCount;
    /** (path, session) pairs holding a recursive watch; while 0, ancestors are not searched. */
    private int recursiveWatchCount;

    public void addWatch(String path, long sessionId, WatchKind kind) {
        Objects.requireNonNull(path, "path");
        int bits = switch (Objects.requireNonNull(kind, "kind")) {
            case DATA, EXIST -> WatchModes.DATA_STANDARD;
            case CHILD -> WatchModes.CHILD_STANDARD;
            case PERSISTENT -> WatchModes.DATA_PERSISTENT | WatchModes.CHILD_PERSISTENT;
            case PERSISTENT_RECURSIVE -> WatchModes.DATA_RECURSIVE;
        };
        TreeMap<Long, Integer> sessions = byPath.computeIfAbsent(path, p -> new TreeMap<>());
        int before = sessions.getOrDefault(sessionId, 0);
        if (before == 0) {
            pathsBySession.computeIfAbsent(sessionId, s -> new HashSet<>()).add(path);
        }
        update(sessions, path, sessionId, before, before | bits);
    }

    /** The notifications for these changes, in order. */
    public List<Notification> trigger(List<WatchTrigger> triggers) {
        List<Notification> notifications = new ArrayList<>();
        for (WatchTrigger trigger : triggers) {
            Set<Long> notified = switch (trigger.type()) {
                case NODE_CREATED, NODE_DATA_CHANGED -> fireData(trigger.path());
                case NODE_DELETED -> fireDeleted(trigger.path());
                case NODE_CHILDREN_CHANGED -> fireChild(trigger.path());
                default -> throw new IllegalArgumentException("not a watch trigger: " + trigger);
            };
            for (long sessionId : notified) {
                notifications.add(notification(sessionId, trigger.type(), trigger.path(), trigger.acl()));
            }
        }
        return notifications;
    }

    /** OK, or NOWATCHER when the session had no watch of that type on the path. ANY removes every kind. */
    public Code removeWatches(String path, long sessionId, WatcherType type) {
        TreeMap<Long, Integer> sessions = byPath.get(path);
        int before = sessions == null ? 0 : sessions.getOrDefault(sessionId, 0);
        int removed = before & removableBits(type);
        if (removed == 0) {
            return Code.NOWATCHER;
        }
        update(sessions, path, sessionId, before, before & ~removed);
        return Code.OK;
    }

    /** Whether the session holds a watch of this type on the path (ZooKeeper's checkWatches). */
    public boolean hasWatch(String path, long sessionId, WatcherType type) {
        TreeMap<Long, Integer> sessions = byPath.get(path);
        int bits = sessions == null ? 0 : sessions.getOrDefault(sessionId, 0);
        int wanted = switch (type) {
            case CHILDREN -> WatchModes.CHILD_STANDARD;
            case DATA -> WatchModes.DATA_STANDARD;
            case PERSISTENT -> WatchModes.DATA_PERSISTENT;
            case PERSISTENT_RECURSIVE -> WatchModes.DATA_RECURSIVE;
            case ANY -> WatchModes.ALL;
        };
        return (bits & wanted) != 0;
    }

    public void removeSession(long sessionId) {
        Set<String> paths = pathsBySession.get(sessionId);
        if (paths == null) {
            return;
        }
        for (String path : new ArrayList<>(paths)) {
            TreeMap<Long, Integer> sessions = byPath.get(path);
            update(sessions, path, sessionId, sessions.get(sessionId), 0);
        }
    }

    /**
     * ZooKeeper's setWatches on reconnect: for each watch the client still holds, either the
     * notification it missed since {@code relativeZxid} (returned now, watch not re-registered) or the
     * watch re-registered. Data: node gone gives NodeDeleted, mzxid after relativeZxid gives
     * NodeDataChanged. Exist: node present gives NodeCreated. Child: node gone gives NodeDeleted, pzxid
     * after relativeZxid gives NodeChildrenChanged. Persistent ones are re-registered silently.
     */
    public List<Notification> setWatches(long sessionId, long relativeZxid, List<String> dataWatches,
            List<String> existWatches, List<String> childWatches, List<String> persistentWatches,
            List<String> persistentRecursiveWatches, DataTree tree) {
        List<Notification> missed = new ArrayList<>();
        for (String path : orEmpty(dataWatches)) {
            Stat stat = tree.exists(path);
            if (stat == null) {
                missed.add(notification(sessionId, EventType.NODE_DELETED, path, null));
            } else if (stat.mzxid() > relativeZxid) {
                missed.add(notification(sessionId, EventType.NODE_DATA_CHANGED, path, null));
            } else {
                addWatch(path, sessionId, WatchKind.DATA);
            }
        }
        for (String path : orEmpty(existWatches)) {
            if (tree.exists(path) != null) {
                missed.add(notification(sessionId, EventType.NODE_CREATED, path, null));
            } else {
                addWatch(path, sessionId, WatchKind.EXIST);
            }
        }
        for (String path : orEmpty(childWatches)) {
            Stat stat = tree.exists(path);
            if (stat == null) {
                missed.add(notification(sessionId, EventType.NODE_DELETED, path, null));
            } else if (stat.pzxid() > relativeZxid) {
                missed.add(notification(sessionId, EventType.NODE_CHILDREN_CHANGED, path, null));
            } else {
                addWatch(path, sessionId, WatchKind.CHILD);
            }
        }
        for (String path : orEmpty(persistentWatches)) {
            addWatch(path, sessionId, WatchKind.PERSISTENT);
        }
        for (String path : orEmpty(persistentRecursiveWatches)) {
            addWatch(path, sessionId, WatchKind.PERSISTENT_RECURSIVE);
        }
        return missed;
    }

    /** ZooKeeper's watch count: (path, session) pairs in the data table plus those in the child table. */
    public int watchCount() {
        return dataWatchCount + childWatchCount;
    }

    /** Sessions with a data-table watch on the path (one-shots consumed) or a recursive one above it. */
    private Set<Long> fireData(String path) {
        if (recursiveWatchCount == 0 && !byPath.containsKey(path)) {
            // The usual case on a write: nothing watches the path, so no set is built for it.
            return Set.of();
        }
        Set<Long> notified = new TreeSet<>();
        consume(path, WatchModes.DATA_ANY, WatchModes.DATA_STANDARD, notified);
        if (recursiveWatchCount > 0) {
            for (String ancestor = parentOf(path); ancestor != null; ancestor = parentOf(ancestor)) {
                TreeMap<Long, Integer> sessions = byPath.get(ancestor);
                if (sessions != null) {
                    sessions.forEach((sessionId, bits) -> {
                        if ((bits & WatchModes.DATA_RECURSIVE) != 0) {
                            notified.add(sessionId);
                        }
                    });
                }
            }
        }
        return notified;
    }

    /** Data-table watchers of the path and of its ancestors (recursive), then the path's child watchers. */
    private Set<Long> fireDeleted(String path) {
        Set<Long> notified = fireData(path);
        if (!byPath.containsKey(path)) {
            return notified;
        }
        consume(path, WatchModes.CHILD_ANY, WatchModes.CHILD_STANDARD, notified);
        return notified;
    }

    private Set<Long> fireChild(String path) {
        if (!byPath.containsKey(path)) {
            return Set.of();
        }
        Set<Long> notified = new TreeSet<>();
        consume(path, WatchModes.CHILD_ANY, WatchModes.CHILD_STANDARD, notified);
        return notified;
    }

    /** Adds every session holding any of {@code firing} on the path, and removes their {@code oneShot} bit. */
    private void consume(String path, int firing, int oneShot, Set<Long> notified) {
        TreeMap<Long, Integer> sessions = byPath.get(path);
        if (sessions == null) {
            return;
        }
        List<Long> fired = new ArrayList<>();
        sessions.forEach((sessionId, bits) -> {
            if ((bits & firing) != 0) {
                fired.add(sessionId);
            }
        });
        for (long sessionId : fired) {
            notified.add(sessionId);
            int before = sessions.get(sessionId);
            update(sessions, path, sessionId, before, before & ~oneShot);
        }
    }

    /** Sets a (path, session) entry's bits, keeping the counts and both indexes in step. */
    private void update(TreeMap<Long, Integer> sessions, String path, long sessionId, int before, int after) {
        dataWatchCount += presence(after, WatchModes.DATA_ANY) - presence(before, WatchModes.DATA_ANY);
        childWatchCount += presence(after, WatchModes.CHILD_ANY) - presence(before, WatchModes.CHILD_ANY);
        recursiveWatchCount += presence(after, WatchModes.DATA_RECURSIVE) - presence(before, WatchModes.DATA_RECURSIVE);
        if (after != 0) {
            sessions.put(sessionId, after);
            return;
        }
        sessions.remove(sessionId);
        if (sessions.isEmpty()) {
            byPath.remove(path);
        }
        Set<String> paths = pathsBySession.get(sessionId);
        paths.remove(path);
        if (paths.isEmpty()) {
            pathsBySession.remove(sessionId);
        }
    }

    private static int presence(int bits, int mask) {
        return (bits & mask) != 0 ? 1 : 0;
    }

    private static int removableBits(WatcherType type) {
        return switch (type) {
            case CHILDREN -> WatchModes.CHILD_STANDARD;
            case DATA -> WatchModes.DATA_STANDARD;
            case PERSISTENT -> WatchModes.DATA_PERSISTENT | WatchModes.CHILD_PERSISTENT;
            case PERSISTENT_RECURSIVE -> WatchModes.DATA_RECURSIVE;
            case ANY -> WatchModes.ALL;
        };
    }

    private static String parentOf(String path) {
        if (path.equals("/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static Notification notification(long sessionId, EventType type, String path, List<Acl> acl) {
        return new Notification(sessionId, new WatchedEvent(type, KeeperState.SYNC_CONNECTED, path), acl);
    }

    private static List<String> orEmpty(List<String> paths) {
        return paths == null ? List.of() : paths;
    }
}
