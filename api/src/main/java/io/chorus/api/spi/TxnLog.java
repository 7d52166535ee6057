package io.chorus.api.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;

/**
 * The transaction log. Appends are buffered; {@link #sync()} makes everything appended so far durable
 * (fsync). One writer thread; readers only during recovery or from the writer thread.
 */
public interface TxnLog extends Closeable {
    /** Appends an entry whose zxid is above {@link #lastZxid()}; not durable until {@link #sync()}. */
    void append(LogEntry entry) throws IOException;

    /** Returns once every appended entry is on disk. */
    void sync() throws IOException;

    /** The zxid of the newest appended entry, or 0 when the log is empty. */
    long lastZxid();

    /** Entries with zxid strictly greater than {@code afterZxid}, oldest first. */
    Iterator<LogEntry> readAfter(long afterZxid) throws IOException;

    /** Drops every entry with zxid greater than {@code zxid} (TRUNC, or an uncommitted tail). */
    void truncateAfter(long zxid) throws IOException;

    /** Starts a new segment at the next append, so older segments can be purged. */
    void roll() throws IOException;

    /** Removes whole segments holding only entries at or below {@code zxid} (covered by a snapshot). */
    void purgeUpTo(long zxid) throws IOException;
}
