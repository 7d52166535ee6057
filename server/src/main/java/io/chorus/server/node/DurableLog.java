package io.chorus.server.node;

import io.chorus.api.spi.LogEntry;
import io.chorus.persistence.log.GroupCommitter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The driver's view of the write-ahead log: appends are made durable in groups off the driver thread
 * and reported back through the callback the log was built with; maintenance is ordered with appends.
 */
public interface DurableLog extends AutoCloseable {
    /** Queues entries; the log reports them durable (in zxid order) once fsynced. */
    void append(List<LogEntry> entries);

    /** Drops entries above {@code zxid}, ordered after every earlier append. */
    void truncateAfter(long zxid);

    /** Starts a new segment and removes segments wholly at or below {@code purgeUpToZxid} (0 = none). */
    void rollAndPurge(long purgeUpToZxid);

    /**
     * The log holds, without gaps, every entry after this zxid: what was purged (and what an installed snapshot
     * replaced, see {@link #startsAfter}) is below it. A follower behind it needs a snapshot.
     */
    long coversAfter();

    /** The log continues a snapshot at {@code zxid} (recovered from, or installed): nothing at or below it counts. */
    void startsAfter(long zxid);

    /** Runs {@code work} on the log's own thread, ordered after every earlier command (the only way to read it). */
    <T> CompletableFuture<T> onLogThread(GroupCommitter.LogWork<T> work);

    @Override
    void close();
}
