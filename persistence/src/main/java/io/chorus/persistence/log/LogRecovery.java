package io.chorus.persistence.log;

import io.chorus.api.spi.Zxid;
import io.chorus.persistence.fs.DirectoryFsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a log directory after a clean stop or a crash. A crash can only tear the end of the newest segment
 * (a partial record, a record whose CRC fails, zeros where the file system extended the file): that tail is
 * cut off with a WARN naming the file, offset and reason. Zeros from the last record to the end of a file
 * are preallocated space (see {@link FileTxnLogOptions#preallocateBytes()}), in the newest segment or in
 * an older one a crash caught before its zeros were cut off: skipped, with an INFO line for the newest. Damage anywhere else, a zxid out of order or a
 * missing segment would lose or reorder entries that may have been acknowledged, so recovery refuses with a
 * {@link CorruptLogException} and changes nothing.
 */
final class LogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    private final Path directory;
    private final int recordBytesMax;

    private LogRecovery(Path directory, int recordBytesMax) {
        this.directory = directory;
        this.recordBytesMax = recordBytesMax;
    }

    /** The segments that hold records, oldest first, after the newest one's torn tail is cut off. */
    static List<SegmentFile> recover(Path directory, FileTxnLogOptions options) throws IOException {
        return new LogRecovery(directory, options.recordBytesMax()).recover();
    }

    private List<SegmentFile> recover() throws IOException {
        List<Path> files = segmentFilesByFirstZxid();
        List<SegmentFile> segments = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean newest = i == files.size() - 1;
            OptionalLong prevLastZxid = segments.isEmpty()
                    ? OptionalLong.empty() : OptionalLong.of(segments.get(segments.size() - 1).lastZxid());
            Optional<SegmentFile> recovered = newest
                    ? recoverNewest(file, prevLastZxid) : verifyOlder(file, prevLastZxid);
            recovered.ifPresent(segments::add);
        }
        return segments;
    }

    private List<Path> segmentFilesByFirstZxid() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (SegmentFileName.parse(entry.getFileName().toString()).isPresent()) {
                    files.add(entry);
                }
            }
        }
        files.sort(Comparator.comparingLong(LogRecovery::firstZxidOf));
        return files;
    }

    private static long firstZxidOf(Path file) {
        return SegmentFileName.parse(file.getFileName().toString()).orElseThrow();
    }

    /** A segment older than the newest was complete and forced before the next one began: any damage is fatal. */
    private Optional<SegmentFile> verifyOlder(Path file, OptionalLong prevLastZxid) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < SegmentHeader.BYTES) {
                throw new CorruptLogException(file, size, "file of " + size + " bytes is shorter than the "
                        + SegmentHeader.BYTES + "-byte segment header, and newer segments follow it");
            }
            SegmentHeader header = readHeader(channel, file, prevLastZxid);
            Scan scan = scanRecords(channel, file, header, size);
            if (scan.defect != null && !ValidRecordSearch.allZero(channel, scan.defect.offset(), size)) {
                throw new CorruptLogException(file, scan.defect.offset(), scan.defect.reason()
                        + " in a segment that newer segments follow");
            }
            if (scan.lastZxid == 0) {
                throw new CorruptLogException(file, SegmentHeader.BYTES,
                        "segment holds no record, and newer segments follow it");
            }
            return Optional.of(new SegmentFile(file, header.firstZxid(), scan.lastZxid, scan.endOffset));
        }
    }

    private Optional<SegmentFile> recoverNewest(Path file, OptionalLong prevLastZxid) throws IOException {
        SegmentHeader header;
        Scan scan;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            Optional<SegmentHeader> maybeHeader = readNewestHeader(channel, file, size, prevLastZxid);
            if (maybeHeader.isEmpty()) {
                discard(file, channel);
                return Optional.empty();
            }
            header = maybeHeader.get();
            scan = scanRecords(channel, file, header, size);
            if (scan.defect != null) {
                cutTornTail(channel, file, size, scan);
            }
        }
        if (scan.lastZxid == 0) {
            LOG.warn("Deleting log segment {}: it holds no complete record (a crash while it was created)", file);
            deleteDurably(file);
            return Optional.empty();
        }
        return Optional.of(new SegmentFile(file, header.firstZxid(), scan.lastZxid, scan.endOffset));
    }

    /**
     * The newest segment's header, or empty when the header itself was torn while the file was being created
     * (too short, zeros, or bytes that do not verify) and no valid record follows it.
     */
    private Optional<SegmentHeader> readNewestHeader(FileChannel channel, Path file, long size,
                                                     OptionalLong prevLastZxid) throws IOException {
        if (size < SegmentHeader.BYTES) {
            LOG.warn("Deleting log segment {}: {} bytes, shorter than the {}-byte segment header (a crash while"
                    + " it was created)", file, size, SegmentHeader.BYTES);
            return Optional.empty();
        }
        SegmentHeader header;
        try {
            header = decodeHeader(channel, file);
        } catch (CorruptLogException e) {
            OptionalLong valid = ValidRecordSearch.after(channel, -1, size, prevLastZxid.orElse(0), recordBytesMax);
            if (valid.isPresent()) {
                throw new CorruptLogException(file, e.offset(), e.getMessage() + "; a valid record follows at offset "
                        + valid.getAsLong());
            }
            LOG.warn("Deleting log segment {}: its header is torn and no record follows ({})", file, e.getMessage());
            return Optional.empty();
        }
        checkHeader(header, file, prevLastZxid);
        return Optional.of(header);
    }

    private void discard(Path file, FileChannel channel) throws IOException {
        channel.close();
        deleteDurably(file);
    }

    private SegmentHeader readHeader(FileChannel channel, Path file, OptionalLong prevLastZxid) throws IOException {
        SegmentHeader header = decodeHeader(channel, file);
        checkHeader(header, file, prevLastZxid);
        return header;
    }

    private static SegmentHeader decodeHeader(FileChannel channel, Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(SegmentHeader.BYTES);
        SegmentScanner.readFully(channel, bytes, 0);
        return SegmentHeader.decode(bytes, file);
    }

    /** The header must match the file name and continue the previous segment exactly. */
    private static void checkHeader(SegmentHeader header, Path file, OptionalLong prevLastZxid)
            throws CorruptLogException {
        long named = firstZxidOf(file);
        if (header.firstZxid() != named) {
            throw new CorruptLogException(file, 8, "header says the first zxid is " + Zxid.toString(header.firstZxid())
                    + " but the file name says " + Zxid.toString(named));
        }
        if (prevLastZxid.isPresent() && header.prevZxid() != prevLastZxid.getAsLong()) {
            throw new CorruptLogException(file, 16, "gap: this segment follows zxid " + Zxid.toString(header.prevZxid())
                    + " but the previous segment ends at " + Zxid.toString(prevLastZxid.getAsLong()));
        }
    }

    /** What a scan found: the last good record and where it ends, then the first defect (if any). */
    private static final class Scan {
        long lastZxid;
        long endOffset = SegmentHeader.BYTES;
        SegmentScanner.Defect defect;
    }

    private Scan scanRecords(FileChannel channel, Path file, SegmentHeader header, long size) throws IOException {
        SegmentScanner scanner = new SegmentScanner(channel, SegmentHeader.BYTES, size, header.prevZxid(),
                recordBytesMax);
        Scan scan = new Scan();
        while (true) {
            SegmentScanner.Step step = scanner.next();
            if (step instanceof SegmentScanner.Record record) {
                if (scan.lastZxid == 0 && record.zxid() != header.firstZxid()) {
                    throw new CorruptLogException(file, record.offset(), "first record has zxid "
                            + Zxid.toString(record.zxid()) + " but the header says "
                            + Zxid.toString(header.firstZxid()));
                }
                scan.lastZxid = record.zxid();
                scan.endOffset = record.endOffset();
            } else if (step instanceof SegmentScanner.Defect defect) {
                if (!defect.tornWritePossible()) {
                    throw new CorruptLogException(file, defect.offset(), defect.reason());
                }
                scan.defect = defect;
                return scan;
            } else {
                return scan;
            }
        }
    }

    private void cutTornTail(FileChannel channel, Path file, long size, Scan scan) throws IOException {
        SegmentScanner.Defect defect = scan.defect;
        OptionalLong valid = ValidRecordSearch.after(channel, defect.offset(), size, scan.lastZxid, recordBytesMax);
        if (valid.isPresent()) {
            throw new CorruptLogException(file, defect.offset(), defect.reason() + "; a valid record follows at offset "
                    + valid.getAsLong() + ", so this is not a torn tail");
        }
        if (ValidRecordSearch.allZero(channel, defect.offset(), size)) {
            LOG.info("Cutting {} bytes of zeros (preallocated or never written) after the last record of log"
                    + " segment {} at offset {}", size - defect.offset(), file, defect.offset());
        } else {
            LOG.warn("Truncating the torn tail of log segment {} at offset {}: {} ({} bytes dropped)",
                    file, defect.offset(), defect.reason(), size - defect.offset());
        }
        channel.truncate(defect.offset());
        channel.force(true);
    }

    private void deleteDurably(Path file) throws IOException {
        Files.delete(file);
        DirectoryFsync.force(directory);
    }
}
