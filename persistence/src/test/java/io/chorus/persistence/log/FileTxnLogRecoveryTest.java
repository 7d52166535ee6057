package io.chorus.persistence.log;

import static io.chorus.persistence.testing.TestEntries.range;
import static io.chorus.persistence.testing.TestEntries.readAll;
import static io.chorus.persistence.testing.TestEntries.sameEntries;
import static io.chorus.persistence.testing.TestEntries.zxids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.LogEntry;
import io.chorus.persistence.testing.LogCapture;
import io.chorus.persistence.testing.TestEntries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening a damaged log directory does: cut a torn tail, refuse anything else. */
class FileTxnLogRecoveryTest {
    private static final int PAYLOAD_BYTES = 100;

    @TempDir
    Path dir;

    private List<LogEntry> writeLog(long fromZxid, long toZxid) throws IOException {
        List<LogEntry> written = new ArrayList<>();
        try (FileTxnLog log = FileTxnLog.open(dir)) {
            for (long zxid = fromZxid; zxid <= toZxid; zxid++) {
                LogEntry entry = TestEntries.entry(zxid, PAYLOAD_BYTES);
                log.append(entry);
                written.add(entry);
            }
        }
        return written;
    }

    /** Three segments: 1..5, 6..10, 11..15. */
    private void writeThreeSegments() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(dir)) {
            for (long zxid = 1; zxid <= 15; zxid++) {
                log.append(TestEntries.entry(zxid, PAYLOAD_BYTES));
                if (zxid % 5 == 0) {
                    log.roll();
                }
            }
        }
    }

    private List<Long> recoveredZxids() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(dir)) {
            return zxids(readAll(log));
        }
    }

    @Test
    void aRecordCutMidWayAtTheTailIsTruncatedWithAWarning() throws IOException {
        List<LogEntry> written = writeLog(1, 5);
        Path segment = SegmentFiles.newest(dir);
        long lastRecord = SegmentFiles.recordOffset(4, PAYLOAD_BYTES);
        SegmentFiles.truncate(segment, lastRecord + 50);

        try (LogCapture warnings = LogCapture.of(LogRecovery.class); FileTxnLog log = FileTxnLog.open(dir)) {
            assertThat(sameEntries(readAll(log), written.subList(0, 4))).isTrue();
            assertThat(log.lastZxid()).isEqualTo(4);
            assertThat(warnings.warnings()).singleElement().asString()
                    .contains(segment.toString(), "offset " + lastRecord, "partial record");
            log.append(TestEntries.entry(5));
        }
        long rewrittenEnd = lastRecord + RecordFormat.HEADER_BYTES + TestEntries.payloadOf(5).length;
        assertThat(Files.size(segment)).isEqualTo(rewrittenEnd);
        assertThat(recoveredZxids()).isEqualTo(range(1, 5));
    }

    @Test
    void aPartialRecordHeaderAtTheTailIsTruncated() throws IOException {
        writeLog(1, 3);
        Path segment = SegmentFiles.newest(dir);
        SegmentFiles.truncate(segment, SegmentFiles.recordOffset(2, PAYLOAD_BYTES) + 7);
        try (LogCapture warnings = LogCapture.of(LogRecovery.class)) {
            assertThat(recoveredZxids()).isEqualTo(range(1, 2));
            assertThat(warnings.warnings()).singleElement().asString().contains("partial record header");
        }
    }

    @Test
    void aZeroFilledTailIsCutWithoutAWarning() throws IOException {
        writeLog(1, 5);
        Path segment = SegmentFiles.newest(dir);
        long end = Files.size(segment);
        SegmentFiles.appendZeros(segment, 8192);
        try (LogCapture log = LogCapture.of(LogRecovery.class)) {
            assertThat(recoveredZxids()).isEqualTo(range(1, 5));
            assertThat(log.warnings()).isEmpty();
            assertThat(log.infos()).singleElement().asString()
                    .contains(segment.toString(), "offset " + end, "8192 bytes of zeros");
        }
        assertThat(Files.size(segment)).isEqualTo(end);
    }

    @Test
    void aFlippedByteInTheLastRecordIsTruncated() throws IOException {
        writeLog(1, 5);
        Path segment = SegmentFiles.newest(dir);
        long lastRecord = SegmentFiles.recordOffset(4, PAYLOAD_BYTES);
        SegmentFiles.flipByte(segment, lastRecord + RecordFormat.HEADER_BYTES + 60);
        try (LogCapture warnings = LogCapture.of(LogRecovery.class)) {
            assertThat(recoveredZxids()).isEqualTo(range(1, 4));
            assertThat(warnings.warnings()).singleElement().asString()
                    .contains(segment.toString(), "offset " + lastRecord, "CRC32C mismatch");
        }
    }

    @Test
    void aFlippedByteInAMiddleRecordRefusesToOpenAndChangesNothing() throws IOException {
        writeLog(1, 5);
        Path segment = SegmentFiles.newest(dir);
        long size = Files.size(segment);
        long third = SegmentFiles.recordOffset(2, PAYLOAD_BYTES);
        SegmentFiles.flipByte(segment, third + RecordFormat.HEADER_BYTES + 10);

        assertThatThrownBy(() -> FileTxnLog.open(dir))
                .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                    assertThat(e.file()).isEqualTo(segment);
                    assertThat(e.offset()).isEqualTo(third);
                })
                .hasMessageContaining(segment.toString())
                .hasMessageContaining("offset " + third)
                .hasMessageContaining("CRC32C mismatch")
                .hasMessageContaining("not a torn tail");
        assertThat(Files.size(segment)).isEqualTo(size);
    }

    @Test
    void aDamagedLengthInAMiddleRecordRefusesToOpen() throws IOException {
        writeLog(1, 5);
        Path segment = SegmentFiles.newest(dir);
        long second = SegmentFiles.recordOffset(1, PAYLOAD_BYTES);
        SegmentFiles.writeAt(segment, second, ByteBuffer.allocate(4).putInt(0, 0x7fff0000));

        assertThatThrownBy(() -> FileTxnLog.open(dir))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("offset " + second)
                .hasMessageContaining("payload length");
    }

    @Test
    void damageAtTheEndOfAnOlderSegmentRefusesToOpen() throws IOException {
        writeThreeSegments();
        Path first = SegmentFiles.list(dir).get(0);
        long lastRecord = SegmentFiles.recordOffset(4, PAYLOAD_BYTES);
        SegmentFiles.flipByte(first, lastRecord + RecordFormat.HEADER_BYTES + 1);

        assertThatThrownBy(() -> FileTxnLog.open(dir))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(first.toString())
                .hasMessageContaining("offset " + lastRecord);
    }

    @Test
    void aMissingMiddleSegmentRefusesToOpen() throws IOException {
        writeThreeSegments();
        List<Path> segments = SegmentFiles.list(dir);
        Files.delete(segments.get(1));

        assertThatThrownBy(() -> FileTxnLog.open(dir))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(segments.get(2).toString())
                .hasMessageContaining("offset 16")
                .hasMessageContaining("gap");
    }

    @Test
    void aPurgedHeadIsNotAGap() throws IOException {
        writeThreeSegments();
        Files.delete(SegmentFiles.list(dir).get(0));
        assertThat(recoveredZxids()).isEqualTo(range(6, 15));
    }

    @Test
    void aValidRecordWithAnOutOfOrderZxidRefusesToOpen() throws IOException {
        writeLog(1, 5);
        Path segment = SegmentFiles.newest(dir);
        long end = Files.size(segment);
        ByteBuffer stale = ByteBuffer.allocate(64);
        RecordFormat.encode(TestEntries.entry(3), stale);
        SegmentFiles.writeAt(segment, end, stale.flip());

        assertThatThrownBy(() -> FileTxnLog.open(dir))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("offset " + end)
                .hasMessageContaining("is not above the previous zxid");
    }

    @Test
    void aSegmentWhoseFirstRecordDisagreesWithItsNameRefusesToOpen() throws IOException {
        writeThreeSegments();
        Path third = SegmentFiles.list(dir).get(2);
        Files.move(third, dir.resolve(SegmentFileName.of(12)));
        assertThatThrownBy(() -> FileTxnLog.open(dir))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("file name says");
    }

    @Test
    void aNewestSegmentWithATornHeaderIsDeleted() throws IOException {
        writeLog(1, 5);
        Path torn = dir.resolve(SegmentFileName.of(6));
        Files.write(torn, new byte[] {0x43, 0x48, 0x4c});
        try (LogCapture warnings = LogCapture.of(LogRecovery.class)) {
            assertThat(recoveredZxids()).isEqualTo(range(1, 5));
            assertThat(warnings.warnings()).singleElement().asString().contains(torn.toString(), "header");
        }
        assertThat(torn).doesNotExist();
    }

    @Test
    void aNewestSegmentWithOnlyATornFirstRecordIsDeleted() throws IOException {
        writeThreeSegments();
        Path newest = SegmentFiles.newest(dir);
        SegmentFiles.truncate(newest, SegmentHeader.BYTES + 5);
        try (FileTxnLog log = FileTxnLog.open(dir)) {
            assertThat(zxids(readAll(log))).isEqualTo(range(1, 10));
            log.append(TestEntries.entry(11));
        }
        assertThat(recoveredZxids()).isEqualTo(range(1, 11));
    }

    @Test
    void aDirectoryThatIsNotALogIsRefused() throws IOException {
        Files.write(dir.resolve(SegmentFileName.of(1)), "not a log segment at all, just text".getBytes());
        Files.write(dir.resolve(SegmentFileName.of(2)), "more text that is long enough for a header".getBytes());
        assertThatThrownBy(() -> FileTxnLog.open(dir))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("not a Chorus log segment");
    }

    @Test
    void filesThatAreNotSegmentsAreLeftAlone() throws IOException {
        writeLog(1, 3);
        Path other = Files.writeString(dir.resolve("README"), "operator notes");
        assertThat(recoveredZxids()).isEqualTo(range(1, 3));
        assertThat(other).exists();
    }

    @Test
    void aCrashBeforeAnOlderSegmentsZerosWereCutLosesNothingAndAppendsGoOn() throws IOException {
        writeThreeSegments();
        Path first = SegmentFiles.list(dir).get(0);
        long end = Files.size(first);
        SegmentFiles.appendZeros(first, 4096); // as a crash between its last sync and cutting its preallocation

        try (FileTxnLog log = FileTxnLog.open(dir)) {
            assertThat(zxids(readAll(log))).isEqualTo(range(1, 15));
            log.append(TestEntries.entry(16, PAYLOAD_BYTES));
            log.sync();
        }
        assertThat(recoveredZxids()).isEqualTo(range(1, 16));
        assertThat(Files.size(first)).as("left as it was: the zeros are skipped, not cut").isEqualTo(end + 4096);
    }

    @Test
    void aPartialRecordBeforeZerosInAnOlderSegmentStillRefusesToOpen() throws IOException {
        writeThreeSegments();
        Path first = SegmentFiles.list(dir).get(0);
        long lastRecord = SegmentFiles.recordOffset(4, PAYLOAD_BYTES);
        SegmentFiles.flipByte(first, lastRecord + RecordFormat.HEADER_BYTES + 1);
        SegmentFiles.appendZeros(first, 4096);

        assertThatThrownBy(() -> FileTxnLog.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("offset " + lastRecord);
    }

    @Test
    void preallocatedSegmentsRecoverEverySyncedEntryAfterACrashAndAreExactOnceLeft(@TempDir Path crashCopy)
            throws IOException {
        FileTxnLogOptions options = new FileTxnLogOptions(64 << 10, 1024, 4096, 16 << 10);
        try (FileTxnLog running = FileTxnLog.open(dir, options)) {
            for (long zxid = 1; zxid <= 1000; zxid++) {
                running.append(TestEntries.entry(zxid, PAYLOAD_BYTES));
                if (zxid % 7 == 0) {
                    running.sync();
                }
            }
            running.sync();
            // the crash: the files as they are now, while the log is still open
            for (Path segment : SegmentFiles.list(dir)) {
                Files.copy(segment, crashCopy.resolve(segment.getFileName()));
            }
        }
        List<Path> segments = SegmentFiles.list(crashCopy);
        assertThat(segments).hasSizeGreaterThan(1);
        int recordBytes = RecordFormat.HEADER_BYTES + PAYLOAD_BYTES;
        for (Path left : segments.subList(0, segments.size() - 1)) {
            assertThat((Files.size(left) - SegmentHeader.BYTES) % recordBytes)
                    .as("a segment that was left holds its header and whole records only, no zeros").isZero();
        }
        Path newest = segments.get(segments.size() - 1);
        long newestRecords = SegmentHeader.BYTES + (long) recordBytes * (1000 - zxidsIn(segments.subList(0,
                segments.size() - 1)));
        assertThat(Files.size(newest)).as("zero-filled ahead of its records").isGreaterThan(newestRecords);

        try (FileTxnLog reopened = FileTxnLog.open(crashCopy, options)) {
            assertThat(zxids(readAll(reopened))).isEqualTo(range(1, 1000));
            reopened.append(TestEntries.entry(1001, PAYLOAD_BYTES));
        }
        assertThat(Files.size(newest)).as("closed cleanly: cut to its records").isEqualTo(newestRecords + recordBytes);
        try (FileTxnLog again = FileTxnLog.open(crashCopy, options)) {
            assertThat(zxids(readAll(again))).isEqualTo(range(1, 1001));
        }
        assertThat((Files.size(SegmentFiles.newest(dir)) - SegmentHeader.BYTES) % recordBytes)
                .as("the original, closed cleanly, was cut too").isZero();
    }

    private static long zxidsIn(List<Path> segments) throws IOException {
        long count = 0;
        for (Path segment : segments) {
            count += (Files.size(segment) - SegmentHeader.BYTES) / (RecordFormat.HEADER_BYTES + PAYLOAD_BYTES);
        }
        return count;
    }
}
