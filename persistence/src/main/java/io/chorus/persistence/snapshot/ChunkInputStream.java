package io.chorus.persistence.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Streams a stored snapshot back chunk by chunk, checking each chunk's CRC as it is loaded and, at the end,
 * the chunk count, total length and whole-stream CRC against the header. Damage surfaces as a
 * {@link CorruptSnapshotException} from {@code read}, naming the snapshot by its zxid.
 */
final class ChunkInputStream extends InputStream {
    /** The stored value of chunk {@code index}, or null when it is missing. */
    @FunctionalInterface
    interface ChunkSource {
        byte[] chunk(int index) throws IOException;
    }

    private final SnapshotHeader header;
    private final ChunkSource source;
    /** What the chunks are read from (the snapshot's open file), closed with the stream. */
    private final Closeable file;
    private final CRC32C streamCrc = new CRC32C();
    private byte[] current = new byte[0];
    private int position;
    private int nextIndex;
    private long totalBytes;
    private boolean verified;

    ChunkInputStream(SnapshotHeader header, ChunkSource source, Closeable file) {
        this.header = header;
        this.source = source;
        this.file = file;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public int read() throws IOException {
        if (position < current.length) {
            return current[position++] & 0xff;
        }
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (nextIndex == header.chunkCount()) {
                verifyWhole();
                return -1;
            }
            loadNext();
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, n);
        position += n;
        return n;
    }

    private void loadNext() throws IOException {
        byte[] value = source.chunk(nextIndex);
        if (value == null) {
            throw corrupt("chunk " + nextIndex + " of " + header.chunkCount() + " is missing");
        }
        try {
            current = ChunkFormat.decode(header.zxid(), nextIndex, value);
        } catch (CorruptSnapshotException e) {
            throw corrupt(e.getMessage());
        }
        position = 0;
        streamCrc.update(current);
        totalBytes += current.length;
        nextIndex++;
    }

    private void verifyWhole() throws CorruptSnapshotException {
        if (verified) {
            return;
        }
        if (totalBytes != header.totalBytes() || (int) streamCrc.getValue() != header.streamCrc()) {
            throw corrupt(String.format(
                    "stream of %d bytes with CRC32C %08x does not match the header's %d bytes with %08x",
                    totalBytes, (int) streamCrc.getValue(), header.totalBytes(), header.streamCrc()));
        }
        verified = true;
    }

    private CorruptSnapshotException corrupt(String what) {
        return new CorruptSnapshotException(SnapshotHeader.name(header.zxid()) + ": " + what);
    }
}
