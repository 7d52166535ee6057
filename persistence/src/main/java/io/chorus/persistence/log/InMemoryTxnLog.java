package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.api.spi.Zxid;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The transaction log in memory, for tests and the simulator, with {@link FileTxnLog}'s contract: segments,
 * rolls and purges mean the same. {@link #sync()} does no I/O but moves the durable mark, so that
 * {@link #reopen()} can show what a node restarted after a crash would find: only what was synced
 * ({@link #truncateAfter} syncs too, as the file and MapDB logs do). Payloads are copied in and out, so no
 * caller can change a logged entry. Thread-safe, so tests may read it while a committer writes.
 */
public final class InMemoryTxnLog implements TxnLog {
    private final TreeMap<Long, byte[]> entries;
    private final TreeSet<Long> segmentStarts;
    private boolean rollRequested;
    private long lastZxid;
    private long syncedZxid;
    private boolean closed;

    public InMemoryTxnLog() {
        this(new TreeMap<>(), new TreeSet<>());
    }

    private InMemoryTxnLog(TreeMap<Long, byte[]> entries, TreeSet<Long> segmentStarts) {
        this.entries = entries;
        this.segmentStarts = segmentStarts;
        this.lastZxid = entries.isEmpty() ? 0 : entries.lastKey();
        this.syncedZxid = lastZxid;
    }

    /** A new, open log holding what this one had made durable: a restart after a crash (or after close). */
    public synchronized InMemoryTxnLog reopen() {
        NavigableMap<Long, byte[]> durable = entries.headMap(syncedZxid, true);
        NavigableSet<Long> durableStarts = segmentStarts.headSet(syncedZxid, true);
        return new InMemoryTxnLog(new TreeMap<>(durable), new TreeSet<>(durableStarts));
    }

    @Override
    public synchronized void append(LogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ensureOpen();
        if (entry.zxid() <= lastZxid) {
            throw new IllegalArgumentException("zxid " + Zxid.toString(entry.zxid()) + " is not above the last zxid "
                    + Zxid.toString(lastZxid));
        }
        if (rollRequested || segmentStarts.isEmpty()) {
            segmentStarts.add(entry.zxid());
            rollRequested = false;
        }
        entries.put(entry.zxid(), entry.payload().clone());
        lastZxid = entry.zxid();
    }

    @Override
    public synchronized void sync() {
        ensureOpen();
        syncedZxid = lastZxid;
    }

    @Override
    public synchronized long lastZxid() {
        return lastZxid;
    }

    /** A copy of the entries above {@code afterZxid}, so the iterator is unaffected by later writes. */
    @Override
    public synchronized Iterator<LogEntry> readAfter(long afterZxid) {
        ensureOpen();
        List<LogEntry> tail = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : entries.tailMap(afterZxid, false).entrySet()) {
            tail.add(new LogEntry(e.getKey(), e.getValue().clone()));
        }
        return tail.iterator();
    }

    @Override
    public synchronized void truncateAfter(long zxid) {
        ensureOpen();
        if (zxid >= lastZxid) {
            return;
        }
        entries.tailMap(zxid, false).clear();
        NavigableSet<Long> laterStarts = segmentStarts.tailSet(zxid, false);
        if (!laterStarts.isEmpty()) {
            laterStarts.clear();
            rollRequested = true;
        }
        lastZxid = entries.isEmpty() ? 0 : entries.lastKey();
        syncedZxid = lastZxid;
    }

    @Override
    public synchronized void roll() {
        ensureOpen();
        rollRequested = !segmentStarts.isEmpty();
    }

    @Override
    public synchronized void purgeUpTo(long zxid) {
        ensureOpen();
        while (segmentStarts.size() > 1) {
            long start = segmentStarts.first();
            long nextStart = segmentStarts.higher(start);
            Long newestInSegment = entries.lowerKey(nextStart);
            if (newestInSegment != null && newestInSegment > zxid) {
                return;
            }
            entries.subMap(start, true, nextStart, false).clear();
            segmentStarts.remove(start);
        }
    }

    /** Closing syncs, as the file log's close does; {@link #reopen()} still works afterwards. */
    @Override
    public synchronized void close() {
        if (!closed) {
            syncedZxid = lastZxid;
            closed = true;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("in-memory transaction log is closed");
        }
    }
}
