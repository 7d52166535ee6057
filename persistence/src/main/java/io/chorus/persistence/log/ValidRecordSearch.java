package io.chorus.persistence.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.OptionalLong;

/**
 * Looks for any record that verifies after a damaged one. Finding one means the damage is not a torn tail
 * (a crash only tears the end of what was being written), so the log must not be truncated there.
 */
final class ValidRecordSearch {
    /** Candidate offsets examined per read. */
    private static final int STEP_BYTES = 1 << 20;

    private ValidRecordSearch() {
    }

    /**
     * The offset of the first record in {@code (from, end)} whose CRC verifies and whose zxid is above
     * {@code zxidFloor}, or empty. Every byte offset is a candidate: after damage, record boundaries are unknown.
     */
    static OptionalLong after(FileChannel channel, long from, long end, long zxidFloor, int recordBytesMax)
            throws IOException {
        ByteBuffer window = ByteBuffer.allocate(STEP_BYTES + RecordFormat.HEADER_BYTES);
        for (long base = from + 1; base + RecordFormat.HEADER_BYTES <= end; base += STEP_BYTES) {
            window.clear().limit((int) Math.min(window.capacity(), end - base));
            SegmentScanner.readFully(channel, window, base);
            int candidates = Math.min(STEP_BYTES, window.limit() - RecordFormat.HEADER_BYTES + 1);
            for (int i = 0; i < candidates; i++) {
                int payloadLength = window.getInt(i);
                long zxid = window.getLong(i + 8);
                long offset = base + i;
                boolean plausible = payloadLength >= 0 && payloadLength <= recordBytesMax - RecordFormat.HEADER_BYTES
                        && zxid > zxidFloor && offset + RecordFormat.HEADER_BYTES + payloadLength <= end;
                if (plausible && verifies(channel, offset, payloadLength, window.getInt(i + 4), zxid)) {
                    return OptionalLong.of(offset);
                }
            }
        }
        return OptionalLong.empty();
    }

    /** True when every byte of {@code [from, end)} is zero: a preallocated or never-written region. */
    static boolean allZero(FileChannel channel, long from, long end) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(STEP_BYTES);
        for (long base = from; base < end; base += STEP_BYTES) {
            window.clear().limit((int) Math.min(STEP_BYTES, end - base));
            SegmentScanner.readFully(channel, window, base);
            while (window.hasRemaining()) {
                if (window.get() != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean verifies(FileChannel channel, long offset, int payloadLength, int storedCrc, long zxid)
            throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(payloadLength);
        SegmentScanner.readFully(channel, payload, offset + RecordFormat.HEADER_BYTES);
        return RecordFormat.checksum(payloadLength, zxid, payload.array()) == storedCrc;
    }
}
