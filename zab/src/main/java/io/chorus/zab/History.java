package io.chorus.zab;

import io.chorus.api.spi.LogHistory;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.StateSnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * This server's history: entries logged before it started (read back through {@link LogHistory}) followed
 * by those it has handled since, kept in memory until they are durable and delivered (the driver may not
 * have written them yet when a follower asks for a DIFF).
 */
final class History {
    private final LogHistory log;
    private final ArrayList<LogEntry> tail = new ArrayList<>();
    private long lastZxid;
    /** Entries at or below this zxid are read from the log, the rest from {@link #tail}. */
    private long logReadableUpTo;
    /** Log entries at or below this zxid predate an installed snapshot and are not ours. */
    private long replacedUpTo;

    History(LogHistory log, long lastLoggedZxid) {
        this.log = log;
        this.lastZxid = lastLoggedZxid;
        this.logReadableUpTo = lastLoggedZxid;
    }

    long lastZxid() {
        return lastZxid;
    }

    /** Every entry after this zxid can be read; a follower behind it needs a snapshot. */
    long coversAfter() {
        return Math.max(log.coversAfter(), replacedUpTo);
    }

    void append(LogEntry entry) {
        if (entry.zxid() <= lastZxid) {
            throw new IllegalStateException("history must grow in zxid order: 0x" + Long.toHexString(entry.zxid())
                    + " after 0x" + Long.toHexString(lastZxid));
        }
        tail.add(entry);
        lastZxid = entry.zxid();
    }

    /** Entries with {@code afterZxid < zxid <= upToZxid}, oldest first. */
    List<LogEntry> between(long afterZxid, long upToZxid) {
        if (afterZxid < coversAfter()) {
            throw new IllegalStateException("history after 0x" + Long.toHexString(afterZxid)
                    + " is gone (covered only after 0x" + Long.toHexString(coversAfter()) + ")");
        }
        List<LogEntry> out = new ArrayList<>();
        if (afterZxid < logReadableUpTo) {
            Iterator<LogEntry> it = log.readAfter(afterZxid);
            while (it.hasNext()) {
                LogEntry e = it.next();
                if (e.zxid() > Math.min(logReadableUpTo, upToZxid)) {
                    break;
                }
                if (e.zxid() > afterZxid) {
                    out.add(e);
                }
            }
        }
        for (int i = firstTailIndexAbove(afterZxid); i < tail.size() && tail.get(i).zxid() <= upToZxid; i++) {
            out.add(tail.get(i));
        }
        return out;
    }

    List<LogEntry> after(long afterZxid) {
        return between(afterZxid, Long.MAX_VALUE);
    }

    /** Whether {@code zxid} is an entry of this history (0, the empty prefix, is one if nothing was purged). */
    boolean contains(long zxid) {
        if (zxid < coversAfter() || zxid > lastZxid) {
            return false;
        }
        if (zxid == coversAfter()) {
            return true; // the point the history (or an installed snapshot) starts from
        }
        int i = firstTailIndexAbove(zxid - 1);
        if (i < tail.size() && tail.get(i).zxid() == zxid) {
            return true;
        }
        if (zxid <= logReadableUpTo) {
            Iterator<LogEntry> it = log.readAfter(zxid - 1);
            return it.hasNext() && it.next().zxid() == zxid;
        }
        return false;
    }

    /** The greatest zxid of this history below {@code zxid}, or where the history starts if none is. */
    long lastBelow(long zxid) {
        long best = coversAfter();
        for (LogEntry e : between(coversAfter(), zxid - 1)) {
            best = e.zxid();
        }
        return best;
    }

    /** Drops every entry after {@code zxid} (TRUNC). */
    void truncateAfter(long zxid) {
        tail.removeIf(e -> e.zxid() > zxid);
        logReadableUpTo = Math.min(logReadableUpTo, zxid);
        lastZxid = Math.min(lastZxid, zxid);
    }

    /** The history now starts at the snapshot (SNAP); nothing before it can be served any more. */
    void replaceWith(StateSnapshot snapshot) {
        tail.clear();
        lastZxid = snapshot.zxid();
        logReadableUpTo = snapshot.zxid();
        replacedUpTo = snapshot.zxid();
    }

    /**
     * Forgets in-memory entries at or below {@code safeZxid} (durable, so readable from the log) beyond the
     * newest {@code keep}.
     */
    void trim(long safeZxid, int keep) {
        int drop = 0;
        while (drop < tail.size() - keep && tail.get(drop).zxid() <= safeZxid) {
            drop++;
        }
        if (drop > 0) {
            logReadableUpTo = tail.get(drop - 1).zxid();
            tail.subList(0, drop).clear();
        }
    }

    private int firstTailIndexAbove(long zxid) {
        int lo = 0;
        int hi = tail.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tail.get(mid).zxid() <= zxid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
