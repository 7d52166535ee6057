package io.chorus.server.node;

import io.chorus.api.spi.LogEntry;
import java.util.List;

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

    @Override
    void close();
}
