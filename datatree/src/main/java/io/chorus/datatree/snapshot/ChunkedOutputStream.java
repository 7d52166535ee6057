package io.chorus.datatree.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Frames a byte stream into chunks of at most {@link SnapshotFormat#CHUNK_PAYLOAD_BYTES_MAX}: each is
 * its length, its payload and a CRC-32C over (chunk number, length, payload), so a flipped bit, a
 * truncation, a lost or a reordered chunk is detected. {@link #finish()} writes the empty terminal
 * chunk. Does not close the stream it writes to (the caller owns it).
 */
final class ChunkedOutputStream extends OutputStream {
    private final DataOutputStream out;
    private final byte[] buffer = new byte[SnapshotFormat.CHUNK_PAYLOAD_BYTES_MAX];
    private final CRC32C crc = new CRC32C();
    private int buffered;
    private int chunkNumber;
    private boolean finished;

    ChunkedOutputStream(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    @Override
    public void write(int b) throws IOException {
        requireOpen();
        if (buffered == buffer.length) {
            writeChunk();
        }
        buffer[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        int at = offset;
        int left = length;
        while (left > 0) {
            if (buffered == buffer.length) {
                writeChunk();
            }
            int n = Math.min(left, buffer.length - buffered);
            System.arraycopy(bytes, at, buffer, buffered, n);
            buffered += n;
            at += n;
            left -= n;
        }
    }

    /** Writes what is buffered and the terminal chunk; the stream accepts nothing after. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        if (buffered > 0) {
            writeChunk();
        }
        writeChunk();
        finished = true;
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Leaves the underlying stream open: it belongs to the caller. */
    @Override
    public void close() throws IOException {
        finish();
    }

    private void requireOpen() throws IOException {
        if (finished) {
            throw new IOException("snapshot stream already finished");
        }
    }

    private void writeChunk() throws IOException {
        out.writeInt(buffered);
        out.write(buffer, 0, buffered);
        out.writeInt(checksum(crc, chunkNumber, buffered, buffer));
        chunkNumber++;
        buffered = 0;
    }

    static int checksum(CRC32C crc, int chunkNumber, int length, byte[] payload) {
        crc.reset();
        updateInt(crc, chunkNumber);
        updateInt(crc, length);
        crc.update(payload, 0, length);
        return (int) crc.getValue();
    }

    private static void updateInt(CRC32C crc, int value) {
        crc.update(value >>> 24);
        crc.update(value >>> 16);
        crc.update(value >>> 8);
        crc.update(value);
    }
}
