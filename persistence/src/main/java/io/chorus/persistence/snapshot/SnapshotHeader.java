package io.chorus.persistence.snapshot;

import io.chorus.api.spi.Zxid;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * What a complete snapshot is: stored last, so a snapshot without one was never finished. Encoded big-endian
 * as zxid, generation (the key prefix of its chunks), chunkCount, totalBytes, streamCrc (CRC32C of the whole
 * stream), then a CRC32C of those 32 bytes.
 */
record SnapshotHeader(long zxid, long generation, int chunkCount, long totalBytes, int streamCrc) {
    static final int BYTES = 36;

    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        buffer.putLong(zxid).putLong(generation).putInt(chunkCount).putLong(totalBytes).putInt(streamCrc);
        buffer.putInt(checksum(buffer.array()));
        return buffer.array();
    }

    /** Decodes the header stored under {@code zxid}, refusing one whose checksum or key does not match. */
    static SnapshotHeader decode(long zxid, byte[] bytes) throws CorruptSnapshotException {
        if (bytes.length != BYTES) {
            throw new CorruptSnapshotException(name(zxid) + ": header is " + bytes.length + " bytes, not " + BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        SnapshotHeader header = new SnapshotHeader(buffer.getLong(), buffer.getLong(), buffer.getInt(),
                buffer.getLong(), buffer.getInt());
        int stored = buffer.getInt();
        int computed = checksum(bytes);
        if (stored != computed) {
            throw new CorruptSnapshotException(String.format("%s: header CRC32C mismatch (stored %08x, computed %08x)",
                    name(zxid), stored, computed));
        }
        if (header.zxid != zxid || header.chunkCount < 0 || header.totalBytes < 0) {
            throw new CorruptSnapshotException(name(zxid) + ": header " + header + " does not fit its key");
        }
        return header;
    }

    /** How messages name a snapshot: by its zxid, as the logs do. */
    static String name(long zxid) {
        return "snapshot " + Zxid.toString(zxid);
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, BYTES - Integer.BYTES);
        return (int) crc.getValue();
    }
}
