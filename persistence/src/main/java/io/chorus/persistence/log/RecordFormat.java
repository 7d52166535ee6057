package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One log record on disk, big-endian:
 *
 * <pre>
 *   int    payloadLength
 *   int    crc32c        over payloadLength, zxid and payload, so a damaged length is caught too
 *   long   zxid
 *   byte[] payload       payloadLength bytes
 * </pre>
 *
 * A zero-filled region never reads as a record: its zxid (0) is not positive and its CRC does not match.
 */
final class RecordFormat {
    static final int HEADER_BYTES = 16;

    private RecordFormat() {
    }

    static long encodedBytes(LogEntry entry) {
        return HEADER_BYTES + (long) entry.payload().length;
    }

    /** Writes {@code entry} at {@code dst}'s position; {@code dst} must have room for it. */
    static void encode(LogEntry entry, ByteBuffer dst) {
        byte[] payload = entry.payload();
        dst.putInt(payload.length)
                .putInt(checksum(payload.length, entry.zxid(), payload))
                .putLong(entry.zxid())
                .put(payload);
    }

    static int checksum(int payloadLength, long zxid, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(payloadLength).putLong(zxid).flip());
        crc.update(payload, 0, payloadLength);
        return (int) crc.getValue();
    }
}
