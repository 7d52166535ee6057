package io.chorus.persistence.log;

import static io.chorus.persistence.testing.TestEntries.entries;
import static io.chorus.persistence.testing.TestEntries.entry;
import static io.chorus.persistence.testing.TestEntries.range;
import static io.chorus.persistence.testing.TestEntries.readAll;
import static io.chorus.persistence.testing.TestEntries.sameEntries;
import static io.chorus.persistence.testing.TestEntries.zxids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.LogEntry;
import io.chorus.persistence.testing.TestEntries;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {
    private static final Duration WAIT_MAX = Duration.ofSeconds(20);
    private static final int UNBOUNDED = 1 << 30;

    private final InMemoryTxnLog memory = new InMemoryTxnLog();
    private final ObservedTxnLog log = new ObservedTxnLog(memory);
    private final List<Long> reports = new CopyOnWriteArrayList<>();
    private final List<String> reportThreads = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private GroupCommitter committer;

    private GroupCommitter start(GroupCommitLimits limits) {
        committer = new GroupCommitter(log, limits, zxid -> {
            reports.add(zxid);
            reportThreads.add(Thread.currentThread().getName());
        }, failure::set);
        return committer;
    }

    private static GroupCommitLimits limits(int batchEntriesMax, int batchBytesMax, int queueEntriesMax) {
        return new GroupCommitLimits(batchEntriesMax, batchBytesMax, 0, queueEntriesMax);
    }

    private static ConditionFactory waiting() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(WAIT_MAX);
    }

    private void awaitReported(long zxid) {
        waiting().until(() -> reports.contains(zxid) || failure.get() != null);
        assertThat(failure.get()).isNull();
    }

    @AfterEach
    void stop() {
        log.releaseSyncs();
        if (committer != null) {
            committer.close();
        }
    }

    @Test
    void entriesQueuedDuringASyncShareTheNextSync() throws Exception {
        start(GroupCommitLimits.defaults());
        log.holdSyncs();
        committer.submit(List.of(entry(1)));
        log.awaitSyncStarted();
        for (long zxid = 2; zxid <= 100; zxid++) {
            assertThat(committer.submit(List.of(entry(zxid)))).isTrue();
        }
        log.releaseSyncs();
        awaitReported(100);
        assertThat(reports).containsExactly(1L, 100L);
        assertThat(log.syncCount()).isEqualTo(2);
        assertThat(sameEntries(readAll(memory), entries(1, 100))).isTrue();
    }

    @Test
    void aGroupHoldsAtMostBatchEntriesMax() throws Exception {
        start(limits(10, UNBOUNDED, 1000));
        log.holdSyncs();
        committer.submit(List.of(entry(1)));
        log.awaitSyncStarted();
        for (long zxid = 2; zxid <= 101; zxid++) {
            committer.submit(List.of(entry(zxid)));
        }
        log.releaseSyncs();
        awaitReported(101);
        assertThat(reports).containsExactly(1L, 11L, 21L, 31L, 41L, 51L, 61L, 71L, 81L, 91L, 101L);
        assertThat(log.syncCount()).isEqualTo(11);
    }

    @Test
    void aGroupHoldsAtMostBatchBytesMaxSplittingALargeSubmission() throws Exception {
        start(limits(1000, 1000, 1000));
        log.holdSyncs();
        committer.submit(List.of(entry(1, 100)));
        log.awaitSyncStarted();
        List<LogEntry> thirty = LongStream.rangeClosed(2, 31).mapToObj(z -> TestEntries.entry(z, 100)).toList();
        committer.submit(thirty);
        log.releaseSyncs();
        awaitReported(31);
        assertThat(reports).containsExactly(1L, 11L, 21L, 31L);
        assertThat(zxids(readAll(memory))).isEqualTo(range(1, 31));
    }

    @Test
    void anEntryLargerThanBatchBytesMaxGoesAloneInsteadOfStalling() throws Exception {
        start(limits(1000, 10, 1000));
        log.holdSyncs();
        committer.submit(List.of(entry(1, 100)));
        log.awaitSyncStarted();
        committer.submit(List.of(entry(2, 100), entry(3, 100)));
        log.releaseSyncs();
        awaitReported(3);
        assertThat(reports).containsExactly(1L, 2L, 3L);
    }

    @Test
    void reportsComeFromTheCommitterThreadInIncreasingOrder() throws Exception {
        start(GroupCommitLimits.defaults());
        SplittableRandom random = new SplittableRandom(7);
        long zxid = 0;
        while (zxid < 5000) {
            List<LogEntry> batch = new ArrayList<>();
            for (int i = random.nextInt(1, 20); i > 0; i--) {
                batch.add(entry(++zxid));
            }
            assertThat(committer.submit(batch)).isTrue();
        }
        awaitReported(zxid);
        assertThat(reports).isSorted().doesNotHaveDuplicates().last().isEqualTo(zxid);
        assertThat(reportThreads).containsOnly(GroupCommitter.THREAD_NAME);
        assertThat(zxids(readAll(memory))).isEqualTo(range(1, zxid));
        assertThat(log.syncCount()).isEqualTo(reports.size());
    }

    @Test
    void aBatchDelayLetsAGroupWaitForMoreEntries() throws Exception {
        start(new GroupCommitLimits(3, UNBOUNDED, Duration.ofSeconds(10).toNanos() / 1000, 100));
        committer.submit(List.of(entry(1)));
        committer.submit(List.of(entry(2)));
        committer.submit(List.of(entry(3)));
        awaitReported(3);
        assertThat(reports).containsExactly(3L);
        assertThat(log.syncCount()).isEqualTo(1);
    }

    @Test
    void aTruncateIsAppliedInOrderWithTheAppendsAroundIt() throws Exception {
        start(GroupCommitLimits.defaults());
        log.holdSyncs();
        committer.submit(List.of(entry(1)));
        log.awaitSyncStarted();
        committer.submit(entries(2, 10));
        committer.truncateAfter(5);
        List<LogEntry> replacements = LongStream.rangeClosed(6, 8).mapToObj(z -> TestEntries.entry(z, 3)).toList();
        committer.submit(replacements);
        log.releaseSyncs();
        awaitReported(8);
        assertThat(reports).containsExactly(1L, 8L);
        List<LogEntry> expected = new ArrayList<>(entries(1, 5));
        expected.addAll(replacements);
        assertThat(sameEntries(readAll(memory), expected)).isTrue();
    }

    @Test
    void rollAndPurgeIsOrderedWithAppendsAndDropsOnlyCoveredSegments() throws Exception {
        start(GroupCommitLimits.defaults());
        committer.submit(entries(1, 10));
        committer.rollAndPurge(0);
        committer.submit(entries(11, 20));
        awaitReported(20);
        committer.rollAndPurge(10);
        committer.submit(List.of(entry(21)));
        awaitReported(21);
        assertThat(zxids(readAll(memory))).isEqualTo(range(11, 21));
    }

    @Test
    void afterATruncateBelowReportedEntriesReportsResumeAboveIt() throws Exception {
        start(GroupCommitLimits.defaults());
        committer.submit(entries(1, 10));
        awaitReported(10);
        committer.truncateAfter(5);
        assertThatThrownBy(() -> committer.submit(List.of(entry(5)))).isInstanceOf(IllegalArgumentException.class);
        committer.submit(List.of(entry(6, 3)));
        awaitReported(6);
        assertThat(reports).containsExactly(10L, 6L);
        assertThat(zxids(readAll(memory))).isEqualTo(range(1, 6));
    }

    @Test
    void aFailedSyncStopsAcknowledgingAndLaterSubmitsThrow() throws Exception {
        start(GroupCommitLimits.defaults());
        committer.submit(List.of(entry(1)));
        awaitReported(1);
        IOException diskGone = new IOException("disk gone");
        log.failSyncsWith(diskGone);
        committer.submit(List.of(entry(2)));
        waiting().until(() -> failure.get() != null);
        assertThat(failure.get()).isSameAs(diskGone);
        assertThat(committer.failure()).containsSame(diskGone);
        assertThatThrownBy(() -> committer.submit(List.of(entry(3))))
                .isInstanceOf(IllegalStateException.class)
                .hasCause(diskGone);
        assertThatThrownBy(() -> committer.truncateAfter(0)).isInstanceOf(IllegalStateException.class);
        committer.close();
        assertThat(reports).containsExactly(1L);
    }

    @Test
    void aThrowingCallbackStopsTheCommitter() throws Exception {
        RuntimeException bug = new IllegalStateException("callback bug");
        committer = new GroupCommitter(log, GroupCommitLimits.defaults(), zxid -> {
            throw bug;
        }, failure::set);
        committer.submit(List.of(entry(1)));
        waiting().until(() -> failure.get() != null);
        assertThat(failure.get()).isSameAs(bug);
        assertThatThrownBy(() -> committer.submit(List.of(entry(2)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void submitRefusesEntriesBeyondTheQueueBoundAndLosesNothing() throws Exception {
        start(limits(1000, UNBOUNDED, 5));
        log.holdSyncs();
        committer.submit(List.of(entry(1)));
        log.awaitSyncStarted();
        assertThat(committer.submit(entries(2, 6))).isTrue();
        assertThat(committer.submit(List.of(entry(7)))).isFalse();
        assertThatThrownBy(() -> committer.submit(entries(7, 12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queueEntriesMax 5");
        log.releaseSyncs();
        awaitReported(6);
        assertThat(committer.submit(List.of(entry(7)))).isTrue();
        awaitReported(7);
        assertThat(zxids(readAll(memory))).isEqualTo(range(1, 7));
    }

    @Test
    void submitRejectsZxidsOutOfOrderAndQueuesNothing() throws Exception {
        start(GroupCommitLimits.defaults());
        committer.submit(entries(1, 2));
        assertThatThrownBy(() -> committer.submit(List.of(entry(2)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> committer.submit(List.of(entry(4), entry(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not above");
        committer.submit(List.of(entry(3)));
        awaitReported(3);
        assertThat(zxids(readAll(memory))).isEqualTo(range(1, 3));
    }

    @Test
    void entriesAlreadyInTheLogAreNotReportedAgain() throws Exception {
        TestEntries.append(memory, 1, 5);
        memory.sync();
        start(GroupCommitLimits.defaults());
        assertThatThrownBy(() -> committer.submit(List.of(entry(5)))).isInstanceOf(IllegalArgumentException.class);
        committer.submit(List.of(entry(6)));
        awaitReported(6);
        assertThat(reports).containsExactly(6L);
    }

    @Test
    void closeMakesEverythingQueuedDurableBeforeReturning() throws Exception {
        start(GroupCommitLimits.defaults());
        log.holdSyncs();
        committer.submit(List.of(entry(1)));
        log.awaitSyncStarted();
        for (long zxid = 2; zxid <= 50; zxid++) {
            committer.submit(List.of(entry(zxid)));
        }
        log.releaseSyncs();
        committer.close();
        assertThat(reports).last().isEqualTo(50L);
        assertThat(memory.reopen().lastZxid()).isEqualTo(50);
        assertThatThrownBy(() -> committer.submit(List.of(entry(51))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closeFromTheCallbackStopsWithoutDeadlock() throws Exception {
        AtomicReference<GroupCommitter> self = new AtomicReference<>();
        committer = new GroupCommitter(log, GroupCommitLimits.defaults(), zxid -> {
            reports.add(zxid);
            self.get().close();
        }, failure::set);
        self.set(committer);
        committer.submit(List.of(entry(1)));
        awaitReported(1);
        committer.close();
        assertThatThrownBy(() -> committer.submit(List.of(entry(2)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void limitsRefuseNonPositiveBounds() {
        assertThatThrownBy(() -> new GroupCommitLimits(0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommitLimits(1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommitLimits(1, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommitLimits(1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
