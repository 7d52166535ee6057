package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import io.chorus.persistence.fs.DirectoryFsync;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to the newest segment through a write buffer: appends only fill the buffer, and
 * {@link #sync()} writes it in one call and forces the file (and, for a new file, its directory entry).
 * With preallocation, the file is extended with zeros ahead of the records (see
 * {@link FileTxnLogOptions#preallocateBytes()}); {@link #finish()} cuts them off again when the segment
 * is left, and recovery reads zeros after the last record as unused space, never as a record.
 * Owns the segment's channel; borrows the buffer, which is empty whenever this writer is not in use.
 */
final class SegmentWriter implements Closeable {
    /** Zeros to copy from when preallocating; read-only, shared by every writer. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final long firstZxid;
    private long lastZxid;
    /** File offset where the buffer's first byte goes: everything before it has been written. */
    private long writtenBytes;
    private boolean directoryEntryPending;
    private final Preallocation preallocation;
    /** The file's length: records up to writtenBytes, zeros after. */
    private long fileBytes;

    /** How far ahead of the records to zero-fill, and the length the file must never pass. */
    record Preallocation(int stepBytes, long fileBytesMax) {
        static final Preallocation NONE = new Preallocation(0, 0);
    }

    private SegmentWriter(Path path, FileChannel channel, ByteBuffer buffer, long firstZxid, long lastZxid,
                          long writtenBytes, boolean directoryEntryPending, Preallocation preallocation) {
        if (buffer.position() != 0) {
            throw new IllegalStateException("write buffer still holds " + buffer.position() + " bytes");
        }
        this.path = path;
        this.channel = channel;
        this.buffer = buffer;
        this.firstZxid = firstZxid;
        this.lastZxid = lastZxid;
        this.writtenBytes = writtenBytes;
        this.directoryEntryPending = directoryEntryPending;
        this.preallocation = preallocation;
        this.fileBytes = writtenBytes;
    }

    /** Creates the segment file for a record with {@code firstZxid}, following {@code prevZxid}. */
    static SegmentWriter create(Path directory, long firstZxid, long prevZxid, ByteBuffer buffer,
                                Preallocation preallocation) throws IOException {
        Path path = directory.resolve(SegmentFileName.of(firstZxid));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SegmentWriter writer = new SegmentWriter(path, channel, buffer, firstZxid, 0, 0, true, preallocation);
        new SegmentHeader(firstZxid, prevZxid).encode(buffer);
        return writer;
    }

    /** Continues a recovered segment after its last whole record (recovery cut off whatever followed it). */
    static SegmentWriter reopen(SegmentFile segment, ByteBuffer buffer, Preallocation preallocation)
            throws IOException {
        FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.WRITE);
        return new SegmentWriter(segment.path(), channel, buffer, segment.firstZxid(), segment.lastZxid(),
                segment.sizeBytes(), false, preallocation);
    }

    /** Buffers {@code entry}; the caller has checked its size against the buffer and the segment bounds. */
    void append(LogEntry entry) throws IOException {
        long recordBytes = RecordFormat.encodedBytes(entry);
        if (entry.zxid() <= lastZxid || recordBytes > buffer.capacity()) {
            throw new IllegalStateException("append of zxid " + entry.zxid() + " (" + recordBytes + " bytes) after "
                    + lastZxid + " with a " + buffer.capacity() + "-byte buffer");
        }
        if (buffer.remaining() < recordBytes) {
            flush();
        }
        RecordFormat.encode(entry, buffer);
        lastZxid = entry.zxid();
    }

    /** Bytes in the segment, written or still buffered. */
    long sizeBytes() {
        return writtenBytes + buffer.position();
    }

    long firstZxid() {
        return firstZxid;
    }

    long lastZxid() {
        return lastZxid;
    }

    Path path() {
        return path;
    }

    /** Hands the buffered bytes to the file system (not durable yet), so reads of the file see them. */
    void flush() throws IOException {
        preallocateFor(buffer.position());
        buffer.flip();
        while (buffer.hasRemaining()) {
            writtenBytes += channel.write(buffer, writtenBytes);
        }
        buffer.clear();
    }

    /**
     * Zero-fills the file in whole steps past the {@code bytes} about to be written, unless they fit
     * already. The zeros reach the disk with the next sync, once per step; syncs after that change no
     * metadata.
     */
    private void preallocateFor(int bytes) throws IOException {
        long needed = writtenBytes + bytes;
        if (preallocation.stepBytes() == 0 || needed <= fileBytes) {
            return;
        }
        long target = Math.min(Math.max(needed, fileBytes + preallocation.stepBytes()), preallocation.fileBytesMax());
        ByteBuffer zeros = ZEROS.duplicate();
        for (long at = Math.max(fileBytes, writtenBytes); at < target; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), target - at));
            at += channel.write(zeros, at);
        }
        fileBytes = Math.max(fileBytes, target);
    }

    /** Makes every appended record durable. */
    void sync() throws IOException {
        flush();
        channel.force(false);
        if (directoryEntryPending) {
            DirectoryFsync.force(path.getParent());
            directoryEntryPending = false;
        }
    }

    /** Cuts the file at {@code offset}, after the record with {@code newLastZxid}; durable on return. */
    void truncate(long offset, long newLastZxid) throws IOException {
        flush();
        if (offset <= SegmentHeader.BYTES || offset > writtenBytes || newLastZxid < firstZxid) {
            throw new IllegalStateException("truncating " + path + " of " + writtenBytes + " bytes at " + offset);
        }
        channel.truncate(offset);
        channel.force(true);
        writtenBytes = offset;
        fileBytes = offset;
        lastZxid = newLastZxid;
    }

    /**
     * Syncs, then cuts off the preallocated zeros, so a segment that is left (rolled, or the log closed)
     * is exactly as long as its records. A crash between the two leaves zeros that recovery skips.
     */
    void finish() throws IOException {
        sync();
        if (fileBytes > writtenBytes) {
            channel.truncate(writtenBytes);
            channel.force(true);
            fileBytes = writtenBytes;
        }
    }

    SegmentFile toSegmentFile() {
        return new SegmentFile(path, firstZxid, lastZxid, sizeBytes());
    }

    /** Closes the channel, dropping anything still buffered: callers sync first when they want it kept. */
    @Override
    public void close() throws IOException {
        buffer.clear();
        channel.close();
    }
}
