package io.chorus.api.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * A read-only view of this server's own durable log, so a protocol can serve a lagging follower from entries it
 * logged before it (re)started (Zab's DIFF, paxos-lite's catch-up). Protocols read only entries they know are durable.
 */
public interface LogHistory {
    /** Durable entries with zxid strictly greater than {@code afterZxid}, oldest first. */
    Iterator<LogEntry> readAfter(long afterZxid);

    /**
     * The log holds every entry after this zxid: 0 when nothing was ever purged, else the zxid of a snapshot
     * the purged entries are covered by. A follower behind this point needs a snapshot.
     */
    long coversAfter();

    static LogHistory empty() {
        return new LogHistory() {
            @Override
            public Iterator<LogEntry> readAfter(long afterZxid) {
                return Collections.emptyIterator();
            }

            @Override
            public long coversAfter() {
                return 0;
            }
        };
    }

    /** Over a driver's {@link TxnLog}; {@code coversAfter} tells how far it has been purged. */
    static LogHistory over(TxnLog log, LongSupplier coversAfter) {
        return new LogHistory() {
            @Override
            public Iterator<LogEntry> readAfter(long afterZxid) {
                try {
                    return log.readAfter(afterZxid);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the log after 0x" + Long.toHexString(afterZxid), e);
                }
            }

            @Override
            public long coversAfter() {
                return coversAfter.getAsLong();
            }
        };
    }
}
