package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.api.spi.Zxid;
import io.chorus.persistence.fs.DirectoryFsync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The transaction log in a MapDB file with transactions (its write-ahead log) enabled: entries in a B-tree by
 * zxid, {@link #sync()} is a MapDB commit. It exists to be measured against {@link FileTxnLog}.
 *
 * <p>Segments are kept as a set of first zxids so that {@link #roll()} and {@link #purgeUpTo} mean what they
 * mean for the file log. {@link #truncateAfter} and {@link #purgeUpTo} commit, so they are durable on return
 * (and so is anything appended before them). One thread uses a log at a time; a failed commit leaves the
 * log refusing every later call.
 */
public final class MapDbTxnLog implements TxnLog {
    private final Path file;
    private final DB db;
    private final BTreeMap<Long, byte[]> entries;
    private final NavigableSet<Long> segmentStarts;
    private boolean rollRequested;
    private long lastZxid;
    private IOException failure;
    private boolean closed;

    private MapDbTxnLog(Path file, DB db) {
        this.file = file;
        this.db = db;
        this.entries = db.treeMap("entries", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.segmentStarts = db.treeSet("segmentStarts", Serializer.LONG).createOrOpen();
        this.lastZxid = entries.isEmpty() ? 0 : entries.lastKey();
    }

    /** Opens (creating if needed) the MapDB file {@code file}; MapDB replays its write-ahead log after a crash. */
    public static MapDbTxnLog open(Path file) throws IOException {
        DirectoryFsync.createDirectories(file.toAbsolutePath().getParent());
        DB db;
        try {
            db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
        } catch (DBException e) {
            throw new IOException("cannot open MapDB transaction log " + file + ": " + e, e);
        }
        try {
            return new MapDbTxnLog(file, db);
        } catch (RuntimeException e) {
            db.close();
            throw new IOException("cannot read MapDB transaction log " + file + ": " + e, e);
        }
    }

    @Override
    public void append(LogEntry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        ensureUsable();
        if (entry.zxid() <= lastZxid) {
            throw new IllegalArgumentException("zxid " + Zxid.toString(entry.zxid()) + " is not above the last zxid "
                    + Zxid.toString(lastZxid));
        }
        try {
            if (rollRequested || segmentStarts.isEmpty()) {
                segmentStarts.add(entry.zxid());
                rollRequested = false;
            }
            entries.put(entry.zxid(), entry.payload());
        } catch (DBException e) {
            throw fail(e);
        }
        lastZxid = entry.zxid();
    }

    @Override
    public void sync() throws IOException {
        ensureUsable();
        commit();
    }

    @Override
    public long lastZxid() {
        return lastZxid;
    }

    @Override
    public Iterator<LogEntry> readAfter(long afterZxid) throws IOException {
        ensureUsable();
        Iterator<Map.Entry<Long, byte[]>> tail = entries.tailMap(afterZxid, false).entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return tail.hasNext();
            }

            @Override
            public LogEntry next() {
                Map.Entry<Long, byte[]> e = tail.next();
                return new LogEntry(e.getKey(), e.getValue());
            }
        };
    }

    @Override
    public void truncateAfter(long zxid) throws IOException {
        ensureUsable();
        if (zxid >= lastZxid) {
            return;
        }
        try {
            removeEntries(entries.tailMap(zxid, false).keySet());
            NavigableSet<Long> laterStarts = segmentStarts.tailSet(zxid, false);
            if (!laterStarts.isEmpty()) {
                segmentStarts.removeAll(new ArrayList<>(laterStarts));
                rollRequested = true;
            }
        } catch (DBException e) {
            throw fail(e);
        }
        commit();
        lastZxid = entries.isEmpty() ? 0 : entries.lastKey();
    }

    @Override
    public void roll() throws IOException {
        ensureUsable();
        rollRequested = !segmentStarts.isEmpty();
    }

    @Override
    public void purgeUpTo(long zxid) throws IOException {
        ensureUsable();
        try {
            while (segmentStarts.size() > 1) {
                long start = segmentStarts.first();
                long nextStart = segmentStarts.higher(start);
                Long newestInSegment = entries.lowerKey(nextStart);
                if (newestInSegment != null && newestInSegment > zxid) {
                    break;
                }
                removeEntries(entries.subMap(start, true, nextStart, false).keySet());
                segmentStarts.remove(start);
            }
        } catch (DBException e) {
            throw fail(e);
        }
        commit();
    }

    /** Commits what was appended and closes the file; a failed log is closed without committing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                db.commit();
            }
        } catch (DBException e) {
            throw new IOException("commit on close of " + file + " failed", e);
        } finally {
            db.close();
        }
    }

    private void commit() throws IOException {
        try {
            db.commit();
        } catch (DBException e) {
            throw fail(e);
        }
    }

    /** Removes the entries with these keys; the keys are copied first since they may be a view of the map. */
    private void removeEntries(Iterable<Long> keys) {
        List<Long> doomed = new ArrayList<>();
        keys.forEach(doomed::add);
        doomed.forEach(entries::remove);
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IllegalStateException("MapDB transaction log " + file + " is closed");
        }
        if (failure != null) {
            throw new IOException("MapDB transaction log " + file + " failed earlier and accepts nothing more",
                    failure);
        }
    }

    private IOException fail(DBException cause) {
        failure = new IOException("MapDB transaction log " + file + " failed: " + cause, cause);
        return failure;
    }
}
