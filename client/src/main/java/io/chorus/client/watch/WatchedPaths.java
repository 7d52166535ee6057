package io.chorus.client.watch;

import java.util.List;

/** The paths the client watches, per kind: what a reconnect asks the server to watch again (setWatches2). */
public record WatchedPaths(
        List<String> data,
        List<String> exist,
        List<String> child,
        List<String> persistent,
        List<String> persistentRecursive) {

    public WatchedPaths {
        data = List.copyOf(data);
        exist = List.copyOf(exist);
        child = List.copyOf(child);
        persistent = List.copyOf(persistent);
        persistentRecursive = List.copyOf(persistentRecursive);
    }

    public boolean isEmpty() {
        return data.isEmpty() && exist.isEmpty() && child.isEmpty() && persistent.isEmpty()
                && persistentRecursive.isEmpty();
    }
}
