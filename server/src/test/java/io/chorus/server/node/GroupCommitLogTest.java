package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.LogEntry;
import io.chorus.persistence.log.GroupCommitLimits;
import io.chorus.persistence.log.InMemoryTxnLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitLogTest {
    private final InMemoryTxnLog txnLog = new InMemoryTxnLog();
    private final AtomicLong durable = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private static List<LogEntry> entries(int from, int to) {
        List<LogEntry> entries = new ArrayList<>();
        for (int zxid = from; zxid <= to; zxid++) {
            entries.add(new LogEntry(zxid, new byte[] {(byte) zxid}));
        }
        return entries;
    }

    @Test
    void moreEntriesAtOnceThanTheCommittersQueueHoldsGoInInParts() throws Exception {
        try (GroupCommitLog log = new GroupCommitLog(txnLog, new GroupCommitLimits(4, 1 << 20, 0, 10),
                durable::set, e -> failures.incrementAndGet())) {
            log.append(entries(1, 35)); // a DIFF for a follower far behind: 35 entries, queue bound 10
            await().atMost(Duration.ofSeconds(10)).until(() -> durable.get() == 35);
            List<Long> zxids = log.onLogThread(t -> {
                List<Long> read = new ArrayList<>();
                Iterator<LogEntry> it = t.readAfter(0);
                it.forEachRemaining(e -> read.add(e.zxid()));
                return read;
            }).get(10, TimeUnit.SECONDS);
            assertThat(zxids).hasSize(35).first().isEqualTo(1L);
            assertThat(zxids).last().isEqualTo(35L);
        }
        assertThat(failures).hasValue(0);
    }

    @Test
    void theLogCoversWhatWasNeitherPurgedNorReplacedByASnapshot() {
        try (GroupCommitLog log = new GroupCommitLog(txnLog, GroupCommitLimits.defaults(), durable::set, e -> { })) {
            assertThat(log.coversAfter()).isZero();
            log.startsAfter(7);
            assertThat(log.coversAfter()).isEqualTo(7);
            log.rollAndPurge(5); // an older snapshot's purge does not move it back
            assertThat(log.coversAfter()).isEqualTo(7);
            log.rollAndPurge(9);
            assertThat(log.coversAfter()).isEqualTo(9);
        }
    }
}
