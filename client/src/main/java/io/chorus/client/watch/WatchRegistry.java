package io.chorus.client.watch;

import io.chorus.api.EventType;
import io.chorus.api.Watcher;
import io.chorus.api.WatcherType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client's side of the watches: which watchers wait on which path, by {@link WatchKind}, with ZooKeeper's
 * client rules for which watchers an event reaches. One-shot kinds (data, exist, child) are forgotten when they
 * fire; persistent kinds stay until removed; a session state change reaches every watcher and the default one.
 *
 * <p>Watchers are registered when the reply that set them arrives and looked up when a notification arrives,
 * both on the connection's thread, so a notification always sees every watch whose reply came before it.
 * Thread-safe: local removal comes from callers' threads.
 */
public final class WatchRegistry {
    private final Watcher defaultWatcher;
    private final Map<WatchKind, Map<String, Set<Watcher>>> tables = new EnumMap<>(WatchKind.class);

    /** {@code defaultWatcher} (may be null) receives every session state change. */
    public WatchRegistry(Watcher defaultWatcher) {
        this.defaultWatcher = defaultWatcher;
        for (WatchKind kind : WatchKind.values()) {
            tables.put(kind, new HashMap<>());
        }
    }

    public synchronized void add(WatchKind kind, String path, Watcher watcher) {
        Objects.requireNonNull(watcher, "watcher");
        tables.get(kind).computeIfAbsent(path, p -> new LinkedHashSet<>()).add(watcher);
    }

    /**
     * The watchers a node event reaches, each once; the one-shot ones are removed. Persistent recursive
     * watches on the path or an ancestor see data, create and delete events but not child events (the server
     * may send child events for other watches; recursive watchers are not promised them).
     */
    public synchronized Set<Watcher> triggered(EventType type, String path) {
        Set<Watcher> reached = new LinkedHashSet<>();
        switch (type) {
            case NODE_CREATED, NODE_DATA_CHANGED -> {
                take(WatchKind.DATA, path, reached);
                take(WatchKind.EXIST, path, reached);
            }
            case NODE_CHILDREN_CHANGED -> take(WatchKind.CHILD, path, reached);
            case NODE_DELETED -> {
                take(WatchKind.DATA, path, reached);
                take(WatchKind.EXIST, path, reached);
                take(WatchKind.CHILD, path, reached);
            }
            default -> throw new IllegalArgumentException("not a node event: " + type);
        }
        addAll(tables.get(WatchKind.PERSISTENT).get(path), reached);
        if (type != EventType.NODE_CHILDREN_CHANGED) {
            Map<String, Set<Watcher>> recursive = tables.get(WatchKind.PERSISTENT_RECURSIVE);
            for (String p = path; p != null; p = parentOf(p)) {
                addAll(recursive.get(p), reached);
            }
        }
        return reached;
    }

    /** The default watcher and every registered one: who hears of a session state change. */
    public synchronized Set<Watcher> everyWatcher() {
        Set<Watcher> all = new LinkedHashSet<>();
        if (defaultWatcher != null) {
            all.add(defaultWatcher);
        }
        for (Map<String, Set<Watcher>> table : tables.values()) {
            for (Set<Watcher> watchers : table.values()) {
                all.addAll(watchers);
            }
        }
        return all;
    }

    /** True when the path has {@code watcher} (or, when null, any watcher) of a kind the type covers. */
    public synchronized boolean contains(String path, Watcher watcher, WatcherType type) {
        for (WatchKind kind : WatchKind.coveredBy(type)) {
            Set<Watcher> watchers = tables.get(kind).get(path);
            if (watchers != null && (watcher == null ? !watchers.isEmpty() : watchers.contains(watcher))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes {@code watcher} (null: every watcher) of the type from the path. Returns the removed watchers
     * grouped by the removal event each should receive; empty when there was nothing to remove.
     */
    public synchronized Map<EventType, Set<Watcher>> remove(String path, Watcher watcher, WatcherType type) {
        Map<EventType, Set<Watcher>> removed = new LinkedHashMap<>();
        for (WatchKind kind : WatchKind.coveredBy(type)) {
            Map<String, Set<Watcher>> table = tables.get(kind);
            Set<Watcher> watchers = table.get(path);
            if (watchers == null) {
                continue;
            }
            if (watcher == null) {
                removed.computeIfAbsent(kind.removedEvent(), e -> new LinkedHashSet<>()).addAll(watchers);
                table.remove(path);
            } else if (watchers.remove(watcher)) {
                removed.computeIfAbsent(kind.removedEvent(), e -> new LinkedHashSet<>()).add(watcher);
                if (watchers.isEmpty()) {
                    table.remove(path);
                }
            }
        }
        return removed;
    }

    /** The watched paths per kind, for re-registering them after a reconnect. */
    public synchronized WatchedPaths paths() {
        return new WatchedPaths(keys(WatchKind.DATA), keys(WatchKind.EXIST), keys(WatchKind.CHILD),
                keys(WatchKind.PERSISTENT), keys(WatchKind.PERSISTENT_RECURSIVE));
    }

    private List<String> keys(WatchKind kind) {
        return new ArrayList<>(tables.get(kind).keySet());
    }

    private void take(WatchKind kind, String path, Set<Watcher> into) {
        addAll(tables.get(kind).remove(path), into);
    }

    private static void addAll(Set<Watcher> from, Set<Watcher> into) {
        if (from != null) {
            into.addAll(from);
        }
    }

    /** "/a/b" → "/a", "/a" → "/", "/" → null. */
    static String parentOf(String path) {
        if (path.equals("/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
