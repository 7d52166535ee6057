package io.chorus.persistence.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Cuts a snapshot writer's byte stream into chunks of {@code chunkBytes} (the last may be shorter) and hands
 * each to a {@link ChunkSink}, keeping the count, length and CRC32C of the whole stream. Closing it (as a
 * writer may) flushes nothing: the store calls {@link #finish()} once the writer returns.
 */
final class ChunkingOutputStream extends OutputStream {
    /** Receives chunk {@code index}: the first {@code length} bytes of {@code data}. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(int index, byte[] data, int length) throws IOException;
    }

    private final byte[] chunk;
    private final ChunkSink sink;
    private final CRC32C streamCrc = new CRC32C();
    private int filled;
    private int chunkCount;
    private long totalBytes;
    private boolean finished;

    ChunkingOutputStream(int chunkBytes, ChunkSink sink) {
        this.chunk = new byte[chunkBytes];
        this.sink = sink;
    }

    /** Writers that go a byte at a time (DataOutputStream does for ints) cost no allocation per byte. */
    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        chunk[filled++] = (byte) b;
        if (filled == chunk.length) {
            emit();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureWritable();
        int at = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, chunk.length - filled);
            System.arraycopy(bytes, at, chunk, filled, n);
            filled += n;
            at += n;
            left -= n;
            if (filled == chunk.length) {
                emit();
            }
        }
    }

    /** Hands over the last partial chunk; writes after this fail. */
    void finish() throws IOException {
        if (!finished) {
            if (filled > 0) {
                emit();
            }
            finished = true;
        }
    }

    int chunkCount() {
        return chunkCount;
    }

    long totalBytes() {
        return totalBytes;
    }

    int streamCrc() {
        return (int) streamCrc.getValue();
    }

    private void ensureWritable() throws IOException {
        if (finished) {
            throw new IOException("snapshot stream already finished");
        }
    }

    private void emit() throws IOException {
        if (chunkCount == ChunkFormat.CHUNK_COUNT_MAX) {
            throw new IOException("snapshot exceeds " + ChunkFormat.CHUNK_COUNT_MAX + " chunks of " + chunk.length
                    + " bytes");
        }
        streamCrc.update(chunk, 0, filled);
        sink.accept(chunkCount, chunk, filled);
        chunkCount++;
        totalBytes += filled;
        filled = 0;
    }
}
