package io.chorus.datatree.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
 *
 * <p>The writer marks where node data begins and ends ({@link #beginData()}, {@link #endData()}); each
 * mark ends the current chunk, so a chunk holds either metadata or data. Metadata is always deflated.
 * Data is too while it shrinks; a data chunk that deflates to more than
 * {@link SnapshotFormat#INCOMPRESSIBLE_RATIO} of its size makes the next
 * {@link SnapshotFormat#DATA_CHUNKS_STORED_AFTER_PROBE} data chunks go out as stored deflate blocks (a
 * copy, no search), after which the next one is deflated again to probe. Incompressible data (random
 * bytes, already-compressed payloads) then costs the snapshot thread almost nothing. The choice depends
 * only on the bytes, so equal input still gives equal output, and readers see ordinary deflate streams.
 */
final class ChunkedOutputStream extends OutputStream {
    private final DataOutputStream out;
    private final byte[] raw = new byte[SnapshotFormat.CHUNK_RAW_BYTES_MAX];
    private final byte[] stored = new byte[SnapshotFormat.CHUNK_STORED_BYTES_MAX];
    private final Deflater deflater = new Deflater(SnapshotFormat.DEFLATE_LEVEL);
    /**
     * The deflater reads and writes these direct buffers, never the heap arrays: on heap arrays
     * Deflater.deflate runs inside a JNI critical region (the GC locker), and while it is held no
     * collection can run, so the snapshot thread would delay, or make the JVM drop, every GC of the node.
     */
    private final ByteBuffer rawDirect = ByteBuffer.allocateDirect(SnapshotFormat.CHUNK_RAW_BYTES_MAX);
    private final ByteBuffer storedDirect = ByteBuffer.allocateDirect(SnapshotFormat.CHUNK_STORED_BYTES_MAX);
    private final CRC32C crc = new CRC32C();
    private int buffered;
    private boolean inData;
    /** Data chunks still to be stored without compression before the next probe. */
    private int dataChunksToStore;
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

    /** Ends the current chunk: what follows is node data, until {@link #endData()}. */
    void beginData() throws IOException {
        requireOpen();
        cutChunk();
        inData = true;
    }

    /** Ends the current chunk: what follows is metadata again. */
    void endData() throws IOException {
        requireOpen();
        cutChunk();
        inData = false;
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

    private void cutChunk() throws IOException {
        if (buffered > 0) {
            writeChunk();
        }
    }

    private void writeChunk() throws IOException {
        boolean store = inData && dataChunksToStore > 0;
        rawDirect.clear();
        rawDirect.put(raw, 0, buffered).flip();
        storedDirect.clear();
        deflater.reset();
        deflater.setLevel(store ? Deflater.NO_COMPRESSION : SnapshotFormat.DEFLATE_LEVEL);
        deflater.setInput(rawDirect);
        deflater.finish();
        while (!deflater.finished()) {
            if (!storedDirect.hasRemaining()) {
                // deflate never expands a chunk by this much; if it did, the reader would refuse the chunk
                throw new IllegalStateException("chunk " + chunkNumber + " of " + buffered
                        + " bytes deflates to more than " + stored.length + " bytes");
            }
            deflater.deflate(storedDirect);
        }
        int storedLength = storedDirect.position();
        storedDirect.flip().get(stored, 0, storedLength);
        if (store) {
            dataChunksToStore--;
        } else if (inData && storedLength > buffered * SnapshotFormat.INCOMPRESSIBLE_RATIO) {
            dataChunksToStore = SnapshotFormat.DATA_CHUNKS_STORED_AFTER_PROBE;
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
