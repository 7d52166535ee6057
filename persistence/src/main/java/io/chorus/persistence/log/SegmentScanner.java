package io.chorus.persistence.log;

import io.chorus.api.spi.Zxid;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a segment's records one after another, checking each record's length, CRC and zxid order, and stops
 * at the first one that does not verify. Reads through a window so that small records cost no system call
 * each. The caller owns the channel.
 */
final class SegmentScanner {
    /** Bytes read per window when records are small; grows to hold one record of up to recordBytesMax. */
    static final int WINDOW_BYTES_MIN = 64 << 10;

    /** What the next bytes of the segment turned out to be. */
    sealed interface Step permits Record, Defect, End {
    }

    /** A record that verified, occupying {@code [offset, endOffset)}. */
    record Record(long offset, long zxid, byte[] payload, long endOffset) implements Step {
    }

    /**
     * Bytes at {@code offset} that are not a valid record. {@code tornWritePossible} is false when the record
     * verified but breaks zxid order: no crash produces that.
     */
    record Defect(long offset, String reason, boolean tornWritePossible) implements Step {
    }

    /** The scan reached {@code endOffset} on a record boundary. */
    record End() implements Step {
    }

    private final FileChannel channel;
    private final long endOffset;
    private final int recordBytesMax;
    private ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES_MIN);
    private long windowStart;
    private long position;
    private long prevZxid;

    /**
     * Scans {@code [startOffset, endOffset)}, where a record boundary is at {@code startOffset} and every
     * record must have a zxid above {@code prevZxid}.
     */
    SegmentScanner(FileChannel channel, long startOffset, long endOffset, long prevZxid, int recordBytesMax) {
        this.channel = channel;
        this.position = startOffset;
        this.endOffset = endOffset;
        this.prevZxid = prevZxid;
        this.recordBytesMax = recordBytesMax;
        this.window.limit(0);
    }

    Step next() throws IOException {
        long remaining = endOffset - position;
        if (remaining == 0) {
            return new End();
        }
        if (remaining < RecordFormat.HEADER_BYTES) {
            return new Defect(position, "partial record header: " + remaining + " of "
                    + RecordFormat.HEADER_BYTES + " bytes", true);
        }
        int at = load(position, RecordFormat.HEADER_BYTES);
        int payloadLength = window.getInt(at);
        int storedCrc = window.getInt(at + 4);
        long zxid = window.getLong(at + 8);
        int payloadBytesMax = recordBytesMax - RecordFormat.HEADER_BYTES;
        if (payloadLength < 0 || payloadLength > payloadBytesMax) {
            return new Defect(position, "payload length " + payloadLength + " outside 0.." + payloadBytesMax
                    + " (recordBytesMax " + recordBytesMax + ")", true);
        }
        int recordBytes = RecordFormat.HEADER_BYTES + payloadLength;
        if (recordBytes > remaining) {
            return new Defect(position, "partial record: " + remaining + " of " + recordBytes + " bytes", true);
        }
        at = load(position, recordBytes);
        byte[] payload = new byte[payloadLength];
        window.get(at + RecordFormat.HEADER_BYTES, payload);
        int computedCrc = RecordFormat.checksum(payloadLength, zxid, payload);
        if (computedCrc != storedCrc) {
            return new Defect(position, String.format("CRC32C mismatch (stored %08x, computed %08x)",
                    storedCrc, computedCrc), true);
        }
        if (zxid <= prevZxid) {
            return new Defect(position, "zxid " + Zxid.toString(zxid) + " is not above the previous zxid "
                    + Zxid.toString(prevZxid), false);
        }
        long start = position;
        position += recordBytes;
        prevZxid = zxid;
        return new Record(start, zxid, payload, position);
    }

    /** Makes {@code [offset, offset + length)} readable in the window and returns its index there. */
    private int load(long offset, int length) throws IOException {
        if (offset >= windowStart && offset + length <= windowStart + window.limit()) {
            return (int) (offset - windowStart);
        }
        if (length > window.capacity()) {
            window = ByteBuffer.allocate(length);
        }
        int bytes = (int) Math.min(window.capacity(), endOffset - offset);
        window.clear().limit(bytes);
        readFully(channel, window, offset);
        windowStart = offset;
        return 0;
    }

    /** Fills {@code buffer} from {@code offset}; the bytes must exist. */
    static void readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("unexpected end of file at offset " + at);
            }
            at += read;
        }
        buffer.flip();
    }
}
