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
 * Owns the segment's channel; borrows the buffer, which is empty whenever this writer is not in use.
 */
final class SegmentWriter implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final long firstZxid;
    private long lastZxid;
    /** File offset where the buffer's first byte goes: everything before it has been written. */
    private long writtenBytes;
    private boolean directoryEntryPending;

    private SegmentWriter(Path path, FileChannel channel, ByteBuffer buffer, long firstZxid, long lastZxid,
                          long writtenBytes, boolean directoryEntryPending) {
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
    }

    /** Creates the segment file for a record with {@code firstZxid}, following {@code prevZxid}. */
    static SegmentWriter create(Path directory, long firstZxid, long prevZxid, ByteBuffer buffer) throws IOException {
        Path path = directory.resolve(SegmentFileName.of(firstZxid));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SegmentWriter writer = new SegmentWriter(path, channel, buffer, firstZxid, 0, 0, true);
        new SegmentHeader(firstZxid, prevZxid).encode(buffer);
        return writer;
    }

    /** Continues a recovered segment after its last whole record. */
    static SegmentWriter reopen(SegmentFile segment, ByteBuffer buffer) throws IOException {
        FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.WRITE);
        return new SegmentWriter(segment.path(), channel, buffer, segment.firstZxid(), segment.lastZxid(),
                segment.sizeBytes(), false);
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
        buffer.flip();
        while (buffer.hasRemaining()) {
            writtenBytes += channel.write(buffer, writtenBytes);
        }
        buffer.clear();
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
        lastZxid = newLastZxid;
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
