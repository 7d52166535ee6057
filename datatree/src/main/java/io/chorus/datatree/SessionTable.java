package io.chorus.datatree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The replicated sessions by id. Apply thread only. */
final class SessionTable {
    private final Map<Long, SessionInfo> byId = new HashMap<>();

    boolean contains(long sessionId) {
        return byId.containsKey(sessionId);
    }

    SessionInfo get(long sessionId) {
        return byId.get(sessionId);
    }

    void put(SessionInfo session) {
        byId.put(session.sessionId(), session);
    }

    void remove(long sessionId) {
        byId.remove(sessionId);
    }

    int size() {
        return byId.size();
    }

    /** All sessions ordered by id (a copy), so snapshots list them the same way on every replica. */
    List<SessionInfo> sorted() {
        List<SessionInfo> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparingLong(SessionInfo::sessionId));
        return all;
    }
}
