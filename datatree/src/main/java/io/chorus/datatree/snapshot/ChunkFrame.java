package io.chorus.datatree.snapshot;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One chunk as {@link ChunkedOutputStream} framed it, read but not yet trusted. {@link #read} bounds
 * both lengths before allocating; {@link #decode} checks the CRC and inflates (zlib format, whose
 * Adler-32 also checks the inflated bytes), on any thread. The terminal chunk has both lengths 0.
 *
 * @param snapshot  how errors name the snapshot the chunk belongs to
 * @param number    the chunk's position in the stream, covered by its CRC
 * @param rawLength the bytes the chunk inflates to
 * @param stored    the compressed bytes
 * @param crc       the CRC-32C the writer stored
 */
record ChunkFrame(String snapshot, int number, int rawLength, byte[] stored, int crc) {

    static ChunkFrame read(DataInputStream in, String snapshot, int number) throws IOException {
        try {
            int rawLength = in.readInt();
            int storedLength = in.readInt();
            boolean terminal = rawLength == 0;
            if (rawLength < 0 || rawLength > SnapshotFormat.CHUNK_RAW_BYTES_MAX || storedLength < 0
                    || storedLength > SnapshotFormat.CHUNK_STORED_BYTES_MAX || terminal != (storedLength == 0)) {
                throw new IOException("corrupt " + snapshot + ": chunk " + number + " claims " + rawLength
                        + " bytes stored in " + storedLength + " (at most " + SnapshotFormat.CHUNK_RAW_BYTES_MAX
                        + " in " + SnapshotFormat.CHUNK_STORED_BYTES_MAX + ")");
            }
            byte[] stored = new byte[storedLength];
            in.readFully(stored);
            return new ChunkFrame(snapshot, number, rawLength, stored, in.readInt());
        } catch (EOFException e) {
            throw new IOException("truncated " + snapshot + ": stream ended inside chunk " + number, e);
        }
    }

    boolean isTerminal() {
        return rawLength == 0;
    }

    /** Fails unless the stored CRC matches the chunk's number, lengths and stored bytes. */
    void verify() throws IOException {
        int computed = ChunkedOutputStream.checksum(new CRC32C(), number, rawLength, stored, stored.length);
        if (computed != crc) {
            throw new IOException(String.format(
                    "corrupt %s: checksum mismatch in chunk %d (stored %08x, computed %08x)",
                    snapshot, number, crc, computed));
        }
    }

    /** The chunk's raw bytes, after checking the CRC and that they inflate to exactly {@code rawLength}. */
    byte[] decode() throws IOException {
        verify();
        byte[] raw = new byte[rawLength];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            int inflated = 0;
            while (inflated < rawLength) {
                int n = inflater.inflate(raw, inflated, rawLength - inflated);
                if (n == 0) {
                    break; // finished early, or the input ran out: both are corruption
                }
                inflated += n;
            }
            if (inflated == rawLength && !inflater.finished()) {
                // the end of the stream (and its Adler-32) may follow the last output byte
                inflated += inflater.inflate(new byte[1]);
            }
            if (inflated != rawLength || !inflater.finished() || inflater.getRemaining() != 0) {
                throw new IOException("corrupt " + snapshot + ": chunk " + number
                        + " does not inflate to exactly the " + rawLength + " bytes it claims");
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IOException("corrupt " + snapshot + ": chunk " + number + " does not inflate: " + e.getMessage(),
                    e);
        } finally {
            inflater.end();
        }
    }
}
