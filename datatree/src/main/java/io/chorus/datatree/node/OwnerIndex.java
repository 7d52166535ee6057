package io.chorus.datatree.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Paths of the nodes that need finding by owner: each session's ephemerals (deleted when it closes),
 * containers and TTL nodes (checked by housekeeping). Kept sorted so that iterating them, and so the
 * transactions built from them, is the same on every replica. Apply thread only.
 */
public final class OwnerIndex {
    private final boolean extendedTypesEnabled;
    private final Map<Long, NavigableSet<String>> ephemeralsBySession = new HashMap<>();
    private final NavigableSet<String> containers = new TreeSet<>();
    private final NavigableSet<String> ttls = new TreeSet<>();

    OwnerIndex(boolean extendedTypesEnabled) {
        this.extendedTypesEnabled = extendedTypesEnabled;
    }

    void added(String path, long owner) {
        switch (EphemeralOwner.of(owner, extendedTypesEnabled)) {
            case SESSION -> ephemeralsBySession.computeIfAbsent(owner, k -> new TreeSet<>()).add(path);
            case CONTAINER -> containers.add(path);
            case TTL -> ttls.add(path);
            case NONE -> {
            }
        }
    }

    void removed(String path, long owner) {
        boolean wasIndexed = switch (EphemeralOwner.of(owner, extendedTypesEnabled)) {
            case SESSION -> removeEphemeral(path, owner);
            case CONTAINER -> containers.remove(path);
            case TTL -> ttls.remove(path);
            case NONE -> true;
        };
        if (!wasIndexed) {
            throw new IllegalStateException("owner index lost " + path + " (owner 0x" + Long.toHexString(owner) + ")");
        }
    }

    /** The session's ephemeral paths, sorted (a copy). */
    public List<String> ephemeralsOf(long sessionId) {
        NavigableSet<String> paths = ephemeralsBySession.get(sessionId);
        return paths == null ? List.of() : new ArrayList<>(paths);
    }

    /** Container paths, sorted (a copy). */
    public List<String> containers() {
        return new ArrayList<>(containers);
    }

    /** TTL node paths, sorted (a copy). */
    public List<String> ttls() {
        return new ArrayList<>(ttls);
    }

    /** Sessions that own at least one ephemeral (a copy). */
    public Set<Long> sessionsWithEphemerals() {
        return new TreeSet<>(ephemeralsBySession.keySet());
    }

    /** Whether the index lists {@code path} under this owner; for invariant checks. */
    boolean lists(String path, long owner) {
        return switch (EphemeralOwner.of(owner, extendedTypesEnabled)) {
            case SESSION -> ephemeralsBySession.getOrDefault(owner, Collections.emptyNavigableSet()).contains(path);
            case CONTAINER -> containers.contains(path);
            case TTL -> ttls.contains(path);
            case NONE -> false;
        };
    }

    public int size() {
        int ephemerals = 0;
        for (NavigableSet<String> paths : ephemeralsBySession.values()) {
            ephemerals += paths.size();
        }
        return ephemerals + containers.size() + ttls.size();
    }

    private boolean removeEphemeral(String path, long owner) {
        NavigableSet<String> paths = ephemeralsBySession.get(owner);
        if (paths == null || !paths.remove(path)) {
            return false;
        }
        if (paths.isEmpty()) {
            ephemeralsBySession.remove(owner);
        }
        return true;
    }
}
