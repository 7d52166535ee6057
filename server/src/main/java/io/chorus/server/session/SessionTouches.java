package io.chorus.server.session;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sessions a follower's clients kept alive since its last report, for the leader, which alone expires
 * sessions (ZooKeeper's learners send the same on their pings). A follower collects ids as its clients
 * ping or send requests and, once a tick, sends them with {@code ConsensusProtocol.sendToLeader}; the
 * leader touches each in its tracker. Wire form: a format byte, a count, then the ids, big-endian.
 */
public final class SessionTouches {
    private static final byte FORMAT = 1;
    /** More ids than any follower holds sessions: a larger count is corruption, refused before allocating. */
    public static final int IDS_MAX = 1 << 20;

    private final Set<Long> touched = new LinkedHashSet<>();

    /** A client of this session was heard from. */
    public void touched(long sessionId) {
        touched.add(sessionId);
    }

    public boolean isEmpty() {
        return touched.isEmpty();
    }

    /** The report of everything touched since the last one, which is forgotten. */
    public byte[] takeReport() {
        ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + Long.BYTES * touched.size());
        out.put(FORMAT).putInt(touched.size());
        for (long id : touched) {
            out.putLong(id);
        }
        touched.clear();
        return out.array();
    }

    /** The session ids in a report; IllegalArgumentException saying what is wrong if it is not one. */
    public static List<Long> read(byte[] report) {
        try {
            ByteBuffer in = ByteBuffer.wrap(report);
            byte format = in.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown session-touch report format " + format);
            }
            int count = in.getInt();
            if (count < 0 || count > IDS_MAX || in.remaining() != (long) count * Long.BYTES) {
                throw new IllegalArgumentException("session-touch report claims " + count + " ids in "
                        + in.remaining() + " bytes");
            }
            List<Long> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(in.getLong());
            }
            return ids;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("session-touch report of " + report.length + " bytes is truncated", e);
        }
    }
}
