package io.chorus.server.wiring;

import io.chorus.api.spi.LogEntry;
import io.chorus.server.node.DurableLog;
import io.chorus.api.spi.LogHistory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Zab's view of the node's own log. The log belongs to the group-commit thread, so each read runs there, ordered
 * with the appends and truncations before it, in chunks of {@value #CHUNK_ENTRIES} entries: a far-behind follower's
 * DIFF never holds the whole log in memory at once, nor blocks the committer for long.
 */
final class LogThreadHistory implements LogHistory {
    static final int CHUNK_ENTRIES = 1000;
    private static final long READ_TIMEOUT_SECONDS = 30;

    private final DurableLog log;

    LogThreadHistory(DurableLog log) {
        this.log = log;
    }

    @Override
    public Iterator<LogEntry> readAfter(long afterZxid) {
        return new Iterator<>() {
            private List<LogEntry> chunk = read(afterZxid);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == chunk.size() && chunk.size() == CHUNK_ENTRIES) {
                    chunk = read(chunk.get(chunk.size() - 1).zxid());
                    next = 0;
                }
                return next < chunk.size();
            }

            @Override
            public LogEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.get(next++);
            }
        };
    }

    private List<LogEntry> read(long afterZxid) {
        try {
            return log.onLogThread(txnLog -> {
                List<LogEntry> entries = new ArrayList<>();
                Iterator<LogEntry> it = txnLog.readAfter(afterZxid);
                while (entries.size() < CHUNK_ENTRIES && it.hasNext()) {
                    entries.add(it.next());
                }
                return entries;
            }).get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the log after 0x" + Long.toHexString(afterZxid), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the log after 0x" + Long.toHexString(afterZxid), e);
        }
    }

    @Override
    public long coversAfter() {
        return log.coversAfter();
    }
}
