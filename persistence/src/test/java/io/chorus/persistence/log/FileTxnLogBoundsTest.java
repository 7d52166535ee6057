package io.chorus.persistence.log;

import static io.chorus.persistence.testing.TestEntries.range;
import static io.chorus.persistence.testing.TestEntries.readAll;
import static io.chorus.persistence.testing.TestEntries.sameEntries;
import static io.chorus.persistence.testing.TestEntries.zxids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.Zxid;
import io.chorus.persistence.testing.TestEntries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file log's named bounds, each exercised at and past its limit. */
class FileTxnLogBoundsTest {
    @TempDir
    Path dir;

    @Test
    void anOversizedRecordIsRejectedAndNothingAppendedBeforeIsLost() throws IOException {
        FileTxnLogOptions options = FileTxnLogOptions.defaults().withRecordBytesMax(1024);
        int payloadBytesMax = 1024 - RecordFormat.HEADER_BYTES;
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            TestEntries.append(log, 1, 3);
            assertThatThrownBy(() -> log.append(TestEntries.entry(4, payloadBytesMax + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1025 bytes")
                    .hasMessageContaining("recordBytesMax 1024");
            assertThat(log.lastZxid()).isEqualTo(3);
            log.append(TestEntries.entry(4, payloadBytesMax));
            log.sync();
        }
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            assertThat(zxids(readAll(log))).isEqualTo(range(1, 4));
            assertThat(readAll(log).get(3).payload()).hasSize(payloadBytesMax);
        }
    }

    @Test
    void appendsRollToANewSegmentBeforeCrossingSegmentBytesMax() throws IOException {
        FileTxnLogOptions options = new FileTxnLogOptions(1024, 256, 256);
        int recordBytes = RecordFormat.HEADER_BYTES + 100;
        int recordsPerSegment = (1024 - SegmentHeader.BYTES) / recordBytes;
        List<LogEntry> written = new ArrayList<>();
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            for (long zxid = 1; zxid <= 40; zxid++) {
                written.add(TestEntries.entry(zxid, 100));
                log.append(written.get(written.size() - 1));
            }
            log.sync();
            assertThat(sameEntries(readAll(log), written)).isTrue();
        }
        List<Path> segments = SegmentFiles.list(dir);
        assertThat(recordsPerSegment).isEqualTo(8);
        assertThat(segments).extracting(p -> p.getFileName().toString()).containsExactly(
                SegmentFileName.of(1), SegmentFileName.of(9), SegmentFileName.of(17), SegmentFileName.of(25),
                SegmentFileName.of(33));
        for (Path segment : segments) {
            assertThat(Files.size(segment)).isLessThanOrEqualTo(1024).isEqualTo(SegmentHeader.BYTES + 8L * recordBytes);
        }
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            assertThat(sameEntries(readAll(log), written)).isTrue();
            log.purgeUpTo(20);
            assertThat(zxids(readAll(log))).isEqualTo(range(17, 40));
        }
    }

    @Test
    void aRecordOfExactlyRecordBytesMaxFillsItsOwnSegment() throws IOException {
        FileTxnLogOptions options = new FileTxnLogOptions(SegmentHeader.BYTES + 256, 256, 256);
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            for (long zxid = 1; zxid <= 3; zxid++) {
                log.append(TestEntries.entry(zxid, 256 - RecordFormat.HEADER_BYTES));
            }
        }
        assertThat(SegmentFiles.list(dir)).hasSize(3);
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            assertThat(zxids(readAll(log))).isEqualTo(range(1, 3));
        }
    }

    @Test
    void aWriteBufferSmallerThanABatchFlushesAsItFills() throws IOException {
        FileTxnLogOptions options = new FileTxnLogOptions(1 << 20, 256, 256);
        List<LogEntry> written = new ArrayList<>();
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            for (long zxid = 1; zxid <= 100; zxid++) {
                written.add(TestEntries.entry(zxid, 200));
                log.append(written.get(written.size() - 1));
            }
            assertThat(sameEntries(readAll(log), written)).isTrue();
        }
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            assertThat(sameEntries(readAll(log), written)).isTrue();
        }
    }

    @Test
    void readsSpanManyBatchesAndSegments() throws IOException {
        FileTxnLogOptions options = new FileTxnLogOptions(3 << 20, 64 << 10, 64 << 10);
        List<LogEntry> written = new ArrayList<>();
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            for (long zxid = 1; zxid <= 200; zxid++) {
                written.add(TestEntries.entry(zxid, 40_000));
                log.append(written.get(written.size() - 1));
            }
            log.sync();
        }
        assertThat(SegmentFiles.list(dir)).hasSizeGreaterThan(2);
        try (FileTxnLog log = FileTxnLog.open(dir, options)) {
            assertThat(sameEntries(readAll(log), written)).isTrue();
            assertThat(zxids(TestEntries.readAfter(log, 150))).isEqualTo(range(151, 200));
        }
    }

    @Test
    void optionsRefuseBoundsThatCannotHoldOneRecord() {
        assertThatThrownBy(() -> new FileTxnLogOptions(1 << 20, 1024, 512))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeBufferBytes");
        assertThatThrownBy(() -> new FileTxnLogOptions(1000, 1024, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentBytesMax");
        assertThatThrownBy(() -> new FileTxnLogOptions(1 << 20, 15, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordBytesMax");
    }

    @Test
    void segmentFileNamesCarryTheFirstZxidInHex() {
        assertThat(SegmentFileName.of(Zxid.of(5, 1))).isEqualTo("log.0000000500000001");
        assertThat(SegmentFileName.parse("log.0000000500000001")).hasValue(Zxid.of(5, 1));
        assertThat(SegmentFileName.parse("log.000000050000000")).isEmpty();
        assertThat(SegmentFileName.parse("log.0000000500000001.tmp")).isEmpty();
    }
}
