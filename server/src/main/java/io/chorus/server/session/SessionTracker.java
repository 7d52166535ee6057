package io.chorus.server.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each session expires unless it is heard from: every packet of a session pushes its deadline
 * to now + its timeout. Expired sessions are reported once (then marked closing) so that the caller
 * proposes one close transaction for each. Driver thread only; times are monotonic milliseconds.
 */
public final class SessionTracker {
    private static final class Entry {
        final int timeoutMillis;
        long deadlineMillis;
        boolean closing;

        Entry(int timeoutMillis, long deadlineMillis) {
            this.timeoutMillis = timeoutMillis;
            this.deadlineMillis = deadlineMillis;
        }
    }

    private final Map<Long, Entry> sessions = new HashMap<>();

    public void add(long sessionId, int timeoutMillis, long nowMillis) {
        sessions.put(sessionId, new Entry(timeoutMillis, nowMillis + timeoutMillis));
    }

    /** Extends the session's life; false when the session is unknown or already being closed. */
    public boolean touch(long sessionId, long nowMillis) {
        Entry e = sessions.get(sessionId);
        if (e == null || e.closing) {
            return false;
        }
        e.deadlineMillis = Math.max(e.deadlineMillis, nowMillis + e.timeoutMillis);
        return true;
    }

    /** Marks the session as closing (a close was proposed); it is no longer touched nor reported. */
    public void markClosing(long sessionId) {
        Entry e = sessions.get(sessionId);
        if (e != null) {
            e.closing = true;
        }
    }

    public boolean isClosing(long sessionId) {
        Entry e = sessions.get(sessionId);
        return e != null && e.closing;
    }

    public void remove(long sessionId) {
        sessions.remove(sessionId);
    }

    public boolean contains(long sessionId) {
        return sessions.containsKey(sessionId);
    }

    /** Sessions whose deadline passed; each is marked closing and reported once. */
    public List<Long> expire(long nowMillis) {
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, Entry> e : sessions.entrySet()) {
            Entry s = e.getValue();
            if (!s.closing && s.deadlineMillis <= nowMillis) {
                s.closing = true;
                expired.add(e.getKey());
            }
        }
        return expired;
    }
}
