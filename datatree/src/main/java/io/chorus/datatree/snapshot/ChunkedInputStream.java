package io.chorus.datatree.snapshot;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Reads what {@link ChunkedOutputStream} wrote, verifying each chunk before any of its bytes are
 * used. Corruption, truncation and oversize chunks are IOExceptions naming the chunk. Returns end of
 * stream only at the terminal chunk; does not read past it, and does not close the stream it reads.
 */
final class ChunkedInputStream extends InputStream {
    private final DataInputStream in;
    private final byte[] buffer = new byte[SnapshotFormat.CHUNK_PAYLOAD_BYTES_MAX];
    private final CRC32C crc = new CRC32C();
    private int position;
    private int limit;
    private int chunkNumber;
    private boolean atEnd;

    ChunkedInputStream(InputStream in) {
        this.in = new DataInputStream(in);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, bytes, offset, n);
        position += n;
        return n;
    }

    /** Fails unless every byte has been consumed and the next chunk is the terminal one. */
    void expectEnd() throws IOException {
        if (position < limit || fill()) {
            throw new IOException("corrupt snapshot: data after the end record in chunk " + (chunkNumber - 1));
        }
    }

    @Override
    public void close() {
        // the underlying stream belongs to the caller
    }

    private boolean fill() throws IOException {
        while (position == limit) {
            if (atEnd) {
                return false;
            }
            readChunk();
        }
        return true;
    }

    private void readChunk() throws IOException {
        int length;
        try {
            length = in.readInt();
            if (length < 0 || length > buffer.length) {
                throw new IOException("corrupt snapshot: chunk " + chunkNumber + " claims " + length
                        + " bytes (at most " + buffer.length + ")");
            }
            in.readFully(buffer, 0, length);
            int stored = in.readInt();
            if (stored != ChunkedOutputStream.checksum(crc, chunkNumber, length, buffer)) {
                throw new IOException("corrupt snapshot: checksum mismatch in chunk " + chunkNumber);
            }
        } catch (EOFException e) {
            throw new IOException("truncated snapshot: stream ended inside chunk " + chunkNumber, e);
        }
        chunkNumber++;
        position = 0;
        limit = length;
        atEnd = length == 0;
    }
}
