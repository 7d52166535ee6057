package io.chorus.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.LogEntry;
import io.chorus.persistence.log.GroupCommitLimits;
import io.chorus.persistence.log.InMemoryTxnLog;
import io.chorus.server.node.GroupCommitLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Zab's view of the log reads it on the commit thread in chunks, and the chunks join without gap or repeat. */
class LogThreadHistoryTest {
    @Test
    void aReadLongerThanAChunkReturnsEveryEntryAfterTheStartOnce() {
        AtomicLong durable = new AtomicLong();
        int count = 2 * LogThreadHistory.CHUNK_ENTRIES + 345;
        List<LogEntry> entries = new ArrayList<>();
        for (int zxid = 1; zxid <= count; zxid++) {
            entries.add(new LogEntry(zxid, new byte[] {(byte) zxid}));
        }
        try (GroupCommitLog log = new GroupCommitLog(new InMemoryTxnLog(), GroupCommitLimits.defaults(), durable::set,
                e -> { })) {
            log.append(entries);
            await().atMost(Duration.ofSeconds(10)).until(() -> durable.get() == count);
            LogThreadHistory history = new LogThreadHistory(log);

            List<Long> read = new ArrayList<>();
            Iterator<LogEntry> it = history.readAfter(7);
            it.forEachRemaining(e -> read.add(e.zxid()));
            assertThat(read).hasSize(count - 7);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i)).isEqualTo(8L + i);
            }
            assertThat(history.readAfter(count).hasNext()).isFalse();
        }
    }
}
