package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.api.spi.Zxid;
import io.chorus.persistence.fs.DirectoryFsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The transaction log as a directory of append-only segment files, each named by its first zxid
 * ({@code log.<16 hex digits>}) and laid out as in {@link SegmentHeader} and {@link RecordFormat}.
 *
 * <p>Appends fill a write buffer; {@link #sync()} writes it in one call and {@code force}s the file, and only
 * then are the entries durable. A segment is complete and forced before the next one starts, so a crash can
 * tear only the newest segment's tail; {@link #open} cuts such a tail and refuses any other damage (see
 * {@link LogRecovery}). {@link #truncateAfter} and {@link #purgeUpTo} are durable on return.
 *
 * <p>One thread uses a log at a time (the SPI's single writer). Once an I/O error has left the files in an
 * unknown state, every later call fails: the caller must stop and reopen, which recovers from disk.
 */
public final class FileTxnLog implements TxnLog {
    private final Path directory;
    private final FileTxnLogOptions options;
    private final ByteBuffer writeBuffer;
    /** Complete segments, oldest first, never appended to again. */
    private final List<SegmentFile> closedSegments;
    /** The newest segment, open for appends; null after a roll until the next append starts a segment. */
    private SegmentWriter writer;
    private long lastZxid;
    private IOException failure;
    private boolean closed;

    private FileTxnLog(Path directory, FileTxnLogOptions options, List<SegmentFile> recovered) {
        this.directory = directory;
        this.options = options;
        this.writeBuffer = ByteBuffer.allocateDirect(options.writeBufferBytes());
        this.closedSegments = new ArrayList<>(recovered);
    }

    public static FileTxnLog open(Path directory) throws IOException {
        return open(directory, FileTxnLogOptions.defaults());
    }

    /** Opens (creating if needed) the log in {@code directory}, recovering it as {@link LogRecovery} says. */
    public static FileTxnLog open(Path directory, FileTxnLogOptions options) throws IOException {
        DirectoryFsync.createDirectories(directory);
        FileTxnLog log = new FileTxnLog(directory, options, LogRecovery.recover(directory, options));
        if (!log.closedSegments.isEmpty()) {
            SegmentFile newest = log.closedSegments.remove(log.closedSegments.size() - 1);
            log.writer = SegmentWriter.reopen(newest, log.writeBuffer, log.preallocation());
            log.lastZxid = newest.lastZxid();
        }
        return log;
    }

    public Path directory() {
        return directory;
    }

    public FileTxnLogOptions options() {
        return options;
    }

    /**
     * @throws IllegalArgumentException when the zxid is not above {@link #lastZxid()} or the record is larger
     *                                  than {@link FileTxnLogOptions#recordBytesMax()}; nothing changes then
     */
    @Override
    public void append(LogEntry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        ensureUsable();
        if (entry.zxid() <= lastZxid) {
            throw new IllegalArgumentException("zxid " + Zxid.toString(entry.zxid()) + " is not above the last zxid "
                    + Zxid.toString(lastZxid));
        }
        long recordBytes = RecordFormat.encodedBytes(entry);
        if (recordBytes > options.recordBytesMax()) {
            throw new IllegalArgumentException("record for zxid " + Zxid.toString(entry.zxid()) + " is " + recordBytes
                    + " bytes, above recordBytesMax " + options.recordBytesMax());
        }
        try {
            if (writer == null || writer.sizeBytes() + recordBytes > options.segmentBytesMax()) {
                startSegment(entry.zxid());
            }
            writer.append(entry);
        } catch (IOException e) {
            throw fail(e);
        }
        lastZxid = entry.zxid();
    }

    @Override
    public void sync() throws IOException {
        ensureUsable();
        if (writer == null) {
            return;
        }
        try {
            writer.sync();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public long lastZxid() {
        return lastZxid;
    }

    /** Flushes buffered appends to the file system first, so the iterator sees every appended entry. */
    @Override
    public Iterator<LogEntry> readAfter(long afterZxid) throws IOException {
        ensureUsable();
        List<SegmentFile> segments = new ArrayList<>();
        for (SegmentFile segment : allSegments()) {
            if (segment.lastZxid() > afterZxid) {
                segments.add(segment);
            }
        }
        return new SegmentEntryIterator(segments, afterZxid, options.recordBytesMax());
    }

    /**
     * Deletes whole segments after {@code zxid} (and makes the deletions durable) before cutting the segment
     * that holds {@code zxid}, so a crash part-way leaves either the old log or a shorter one that still
     * chains, never a segment whose predecessor was cut beneath it.
     */
    @Override
    public void truncateAfter(long zxid) throws IOException {
        ensureUsable();
        if (zxid >= lastZxid) {
            return;
        }
        try {
            boolean deletedAny = false;
            if (writer != null && writer.firstZxid() > zxid) {
                Path path = writer.path();
                writer.close();
                writer = null;
                Files.delete(path);
                deletedAny = true;
            }
            if (writer == null) {
                deletedAny |= deleteClosedSegmentsAfter(zxid);
            }
            if (deletedAny) {
                DirectoryFsync.force(directory);
            }
            if (writer == null) {
                truncateNewestClosedSegment(zxid);
            } else {
                writer.flush();
                Cut cut = findCut(writer.toSegmentFile(), zxid);
                writer.truncate(cut.offset, cut.lastZxid);
            }
        } catch (IOException e) {
            throw fail(e);
        }
        SegmentFile newest = newestSegment();
        lastZxid = newest == null ? 0 : newest.lastZxid();
    }

    @Override
    public void roll() throws IOException {
        ensureUsable();
        if (writer == null) {
            return;
        }
        try {
            finishWriter();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Deletes, oldest first, closed segments whose entries are all at or below {@code zxid}; never the newest. */
    @Override
    public void purgeUpTo(long zxid) throws IOException {
        ensureUsable();
        int purgeable = writer == null ? closedSegments.size() - 1 : closedSegments.size();
        int purged = 0;
        try {
            while (purged < purgeable && closedSegments.get(0).lastZxid() <= zxid) {
                Files.delete(closedSegments.remove(0).path());
                purged++;
            }
            if (purged > 0) {
                DirectoryFsync.force(directory);
            }
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Syncs what was appended and closes the files; a failed log is closed without writing anything. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            try (SegmentWriter closing = writer) {
                if (failure == null) {
                    closing.finish();
                }
            }
            writer = null;
        }
    }

    private void startSegment(long firstZxid) throws IOException {
        if (writer != null) {
            finishWriter();
        }
        writer = SegmentWriter.create(directory, firstZxid, lastZxid, writeBuffer, preallocation());
    }

    private SegmentWriter.Preallocation preallocation() {
        return options.preallocateBytes() == 0 ? SegmentWriter.Preallocation.NONE
                : new SegmentWriter.Preallocation(options.preallocateBytes(), options.segmentBytesMax());
    }

    /** A segment is forced before it is left, so only the newest segment can ever have a torn tail. */
    private void finishWriter() throws IOException {
        writer.finish();
        SegmentFile finished = writer.toSegmentFile();
        writer.close();
        writer = null;
        closedSegments.add(finished);
    }

    private boolean deleteClosedSegmentsAfter(long zxid) throws IOException {
        boolean deletedAny = false;
        while (!closedSegments.isEmpty() && closedSegments.get(closedSegments.size() - 1).firstZxid() > zxid) {
            Files.delete(closedSegments.remove(closedSegments.size() - 1).path());
            deletedAny = true;
        }
        return deletedAny;
    }

    private void truncateNewestClosedSegment(long zxid) throws IOException {
        if (closedSegments.isEmpty()) {
            return;
        }
        SegmentFile newest = closedSegments.get(closedSegments.size() - 1);
        if (newest.lastZxid() <= zxid) {
            return;
        }
        Cut cut = findCut(newest, zxid);
        try (FileChannel channel = FileChannel.open(newest.path(), StandardOpenOption.WRITE)) {
            channel.truncate(cut.offset);
            channel.force(true);
        }
        closedSegments.set(closedSegments.size() - 1,
                new SegmentFile(newest.path(), newest.firstZxid(), cut.lastZxid, cut.offset));
    }

    /** Where to cut {@code segment} to keep exactly its records at or below {@code zxid}. */
    private record Cut(long offset, long lastZxid) {
    }

    private Cut findCut(SegmentFile segment, long zxid) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            SegmentScanner scanner = new SegmentScanner(channel, SegmentHeader.BYTES, segment.sizeBytes(), 0,
                    options.recordBytesMax());
            Cut cut = new Cut(SegmentHeader.BYTES, 0);
            while (true) {
                SegmentScanner.Step step = scanner.next();
                if (step instanceof SegmentScanner.Record record && record.zxid() <= zxid) {
                    cut = new Cut(record.endOffset(), record.zxid());
                } else if (step instanceof SegmentScanner.Defect defect) {
                    throw new CorruptLogException(segment.path(), defect.offset(), defect.reason());
                } else {
                    return cut;
                }
            }
        }
    }

    private List<SegmentFile> allSegments() throws IOException {
        List<SegmentFile> all = new ArrayList<>(closedSegments);
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw fail(e);
            }
            all.add(writer.toSegmentFile());
        }
        return all;
    }

    private SegmentFile newestSegment() {
        if (writer != null) {
            return writer.toSegmentFile();
        }
        return closedSegments.isEmpty() ? null : closedSegments.get(closedSegments.size() - 1);
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IllegalStateException("transaction log in " + directory + " is closed");
        }
        if (failure != null) {
            throw new IOException("transaction log in " + directory + " failed earlier and accepts nothing more;"
                    + " reopen it to recover from disk", failure);
        }
    }

    private IOException fail(IOException cause) {
        failure = cause;
        return cause;
    }
}
