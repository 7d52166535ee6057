package io.chorus.datatree.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/**
 * Cuts a byte stream into chunks of {@link SnapshotFormat#CHUNK_RAW_BYTES_MAX} bytes (the last may be
 * shorter), compresses each on its own with deflate (zlib format, so an Adler-32 of the raw bytes rides
 * along), and frames it as its raw length, its stored (compressed) length, the stored bytes and a
 * CRC-32C over (chunk number, both lengths, stored bytes): a flipped bit, a truncation, a lost or a
 * reordered chunk is detected before anything is inflated. Chunks are independent, so a reader can
 * inflate them in parallel. {@link #finish()} writes the empty terminal chunk. Equal input gives equal
 * output (deflate is deterministic for a given zlib build). Does not close the stream it writes to (the
 * caller owns it); {@link #close()} frees the deflater.
 */
final class ChunkedOutputStream extends OutputStream {
    private final DataOutputStream out;
    private final byte[] raw = new byte[SnapshotFormat.CHUNK_RAW_BYTES_MAX];
    private final byte[] stored = new byte[SnapshotFormat.CHUNK_STORED_BYTES_MAX];
    private final Deflater deflater = new Deflater(SnapshotFormat.DEFLATE_LEVEL);
    private final CRC32C crc = new CRC32C();
    private int buffered;
    private int chunkNumber;
    private boolean finished;
    private boolean closed;

    ChunkedOutputStream(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    @Override
    public void write(int b) throws IOException {
        requireOpen();
        if (buffered == raw.length) {
            writeChunk();
        }
        raw[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        int at = offset;
        int left = length;
        while (left > 0) {
            if (buffered == raw.length) {
                writeChunk();
            }
            int n = Math.min(left, raw.length - buffered);
            System.arraycopy(bytes, at, raw, buffered, n);
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
        requireOpen();
        if (buffered > 0) {
            writeChunk();
        }
        writeFrame(0, 0);
        finished = true;
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Frees the deflater. Writes nothing: a stream closed before {@link #finish()} lacks its terminal
     * chunk, so a reader reports it as truncated rather than taking it for a whole snapshot.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            deflater.end();
        }
    }

    private void requireOpen() throws IOException {
        if (finished || closed) {
            throw new IOException("snapshot stream already " + (finished ? "finished" : "closed"));
        }
    }

    private void writeChunk() throws IOException {
        deflater.reset();
        deflater.setInput(raw, 0, buffered);
        deflater.finish();
        int storedLength = 0;
        while (!deflater.finished()) {
            if (storedLength == stored.length) {
                // deflate never expands a chunk by this much; if it did, the reader would refuse the chunk
                throw new IllegalStateException("chunk " + chunkNumber + " of " + buffered
                        + " bytes deflates to more than " + stored.length + " bytes");
            }
            storedLength += deflater.deflate(stored, storedLength, stored.length - storedLength);
        }
        writeFrame(buffered, storedLength);
        buffered = 0;
    }

    private void writeFrame(int rawLength, int storedLength) throws IOException {
        out.writeInt(rawLength);
        out.writeInt(storedLength);
        out.write(stored, 0, storedLength);
        out.writeInt(checksum(crc, chunkNumber, rawLength, stored, storedLength));
        chunkNumber++;
    }

    static int checksum(CRC32C crc, int chunkNumber, int rawLength, byte[] stored, int storedLength) {
        crc.reset();
        updateInt(crc, chunkNumber);
        updateInt(crc, rawLength);
        updateInt(crc, storedLength);
        crc.update(stored, 0, storedLength);
        return (int) crc.getValue();
    }

    private static void updateInt(CRC32C crc, int value) {
        crc.update(value >>> 24);
        crc.update(value >>> 16);
        crc.update(value >>> 8);
        crc.update(value);
    }
}
