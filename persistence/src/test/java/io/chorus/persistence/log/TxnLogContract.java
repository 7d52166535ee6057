package io.chorus.persistence.log;

import static io.chorus.persistence.testing.TestEntries.append;
import static io.chorus.persistence.testing.TestEntries.entries;
import static io.chorus.persistence.testing.TestEntries.entry;
import static io.chorus.persistence.testing.TestEntries.range;
import static io.chorus.persistence.testing.TestEntries.readAfter;
import static io.chorus.persistence.testing.TestEntries.readAll;
import static io.chorus.persistence.testing.TestEntries.sameEntries;
import static io.chorus.persistence.testing.TestEntries.zxids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.api.spi.Zxid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link TxnLog} must do; each implementation's test extends this once. */
abstract class TxnLogContract {
    @TempDir
    Path dir;

    private TxnLog log;

    /** Opens the log kept in {@code dir}: a new one the first time, afterwards what a restarted node finds. */
    protected abstract TxnLog openLog(Path dir) throws IOException;

    @BeforeEach
    void openLog() throws IOException {
        log = openLog(dir);
    }

    @AfterEach
    void closeLog() throws IOException {
        log.close();
    }

    private TxnLog reopen() throws IOException {
        log.close();
        log = openLog(dir);
        return log;
    }

    @Test
    void emptyLogHasNoEntriesAndLastZxidZero() throws IOException {
        assertThat(log.lastZxid()).isZero();
        assertThat(readAll(log)).isEmpty();
        assertThat(readAll(reopen())).isEmpty();
    }

    @Test
    void appendedEntriesReadBackInOrderBeforeAndAfterSync() throws IOException {
        append(log, 1, 20);
        assertThat(zxids(readAll(log))).isEqualTo(range(1, 20));
        log.sync();
        assertThat(sameEntries(readAll(log), entries(1, 20))).isTrue();
        assertThat(log.lastZxid()).isEqualTo(20);
    }

    @Test
    void readAfterReturnsOnlyLaterEntriesAcrossEpochs() throws IOException {
        List<Long> zxids = List.of(Zxid.of(1, 1), Zxid.of(1, 2), Zxid.of(1, 3), Zxid.of(2, 1), Zxid.of(2, 2));
        for (long zxid : zxids) {
            log.append(entry(zxid));
        }
        log.sync();
        assertThat(zxids(readAfter(log, Zxid.of(1, 2)))).isEqualTo(zxids.subList(2, 5));
        assertThat(zxids(readAfter(log, Zxid.of(1, 7)))).isEqualTo(zxids.subList(3, 5));
        assertThat(readAfter(log, Zxid.of(2, 2))).isEmpty();
    }

    @Test
    void appendOfAZxidNotAboveTheLastIsRejectedAndChangesNothing() throws IOException {
        append(log, 1, 5);
        assertThatThrownBy(() -> log.append(entry(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not above");
        assertThatThrownBy(() -> log.append(entry(3))).isInstanceOf(IllegalArgumentException.class);
        log.append(entry(6));
        log.sync();
        assertThat(zxids(readAll(reopen()))).isEqualTo(range(1, 6));
    }

    @Test
    void syncedEntriesSurviveReopenByteForByte() throws IOException {
        List<LogEntry> written = List.of(new LogEntry(1, new byte[0]), entry(2, 64 << 10),
                entry(3), entry(4, 1));
        for (LogEntry e : written) {
            log.append(e);
        }
        log.sync();
        TxnLog reopened = reopen();
        assertThat(sameEntries(readAll(reopened), written)).isTrue();
        assertThat(reopened.lastZxid()).isEqualTo(4);
    }

    @Test
    void truncateAfterDropsLaterEntriesAndNewAppendsFollow() throws IOException {
        append(log, 1, 10);
        log.sync();
        log.truncateAfter(6);
        assertThat(log.lastZxid()).isEqualTo(6);
        LogEntry replacement = new LogEntry(7, new byte[] {42});
        log.append(replacement);
        log.sync();
        List<LogEntry> expected = new ArrayList<>(entries(1, 6));
        expected.add(replacement);
        assertThat(sameEntries(readAll(log), expected)).isTrue();
        assertThat(sameEntries(readAll(reopen()), expected)).isTrue();
    }

    @Test
    void truncateAfterAcrossSegmentsSurvivesReopen() throws IOException {
        append(log, 1, 10);
        log.roll();
        append(log, 11, 20);
        log.roll();
        append(log, 21, 30);
        log.sync();
        log.truncateAfter(15);
        assertThat(log.lastZxid()).isEqualTo(15);
        append(log, 16, 18);
        log.sync();
        assertThat(zxids(readAll(reopen()))).isEqualTo(range(1, 18));
    }

    @Test
    void truncateAfterZeroEmptiesTheLog() throws IOException {
        append(log, 1, 10);
        log.roll();
        append(log, 11, 12);
        log.sync();
        log.truncateAfter(0);
        assertThat(log.lastZxid()).isZero();
        assertThat(readAll(log)).isEmpty();
        assertThat(readAll(reopen())).isEmpty();
        log.append(entry(1));
        log.sync();
        assertThat(zxids(readAll(reopen()))).containsExactly(1L);
    }

    @Test
    void truncateAfterAtOrAboveTheLastZxidChangesNothing() throws IOException {
        append(log, 1, 5);
        log.sync();
        log.truncateAfter(5);
        log.truncateAfter(99);
        assertThat(zxids(readAll(reopen()))).isEqualTo(range(1, 5));
    }

    @Test
    void purgeRemovesOnlyWholeSegmentsAtOrBelowTheZxid() throws IOException {
        append(log, 1, 10);
        log.roll();
        append(log, 11, 20);
        log.roll();
        append(log, 21, 30);
        log.sync();
        log.purgeUpTo(15);
        assertThat(zxids(readAll(log))).isEqualTo(range(11, 30));
        log.purgeUpTo(25);
        assertThat(zxids(readAll(log))).isEqualTo(range(21, 30));
        TxnLog reopened = reopen();
        assertThat(zxids(readAll(reopened))).isEqualTo(range(21, 30));
        assertThat(reopened.lastZxid()).isEqualTo(30);
    }

    @Test
    void purgeNeverRemovesTheNewestSegment() throws IOException {
        append(log, 1, 10);
        log.roll();
        append(log, 11, 20);
        log.roll();
        log.sync();
        log.purgeUpTo(100);
        assertThat(zxids(readAll(log))).isEqualTo(range(11, 20));
        assertThat(log.lastZxid()).isEqualTo(20);
        log.append(entry(21));
        log.sync();
        TxnLog reopened = reopen();
        assertThat(zxids(readAll(reopened))).isEqualTo(range(11, 21));
        assertThat(reopened.lastZxid()).isEqualTo(21);
    }

    @Test
    void rollOnAnEmptyLogOrTwiceInARowIsHarmless() throws IOException {
        log.roll();
        log.roll();
        append(log, 1, 3);
        log.roll();
        log.roll();
        append(log, 4, 5);
        log.sync();
        assertThat(zxids(readAll(reopen()))).isEqualTo(range(1, 5));
    }

    @Test
    void aClosedLogRefusesUse() throws IOException {
        append(log, 1, 2);
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(entry(3))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.sync()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.readAfter(0)).isInstanceOf(IllegalStateException.class);
    }
}
