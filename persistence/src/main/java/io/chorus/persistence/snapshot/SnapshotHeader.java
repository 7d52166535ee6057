package io.chorus.persistence.snapshot;

import io.chorus.api.spi.Zxid;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * What a complete snapshot is, stored in its file after the last chunk: the zxid, the stream's length and
 * CRC32C, and the MapDB record id of every chunk in order. Encoded big-endian as zxid, totalBytes, streamCrc,
 * chunkCount, the record ids, then a CRC32C of everything before it.
 */
record SnapshotHeader(long zxid, long totalBytes, int streamCrc, long[] chunkRecids) {
    private static final int FIXED_BYTES = Long.BYTES + Long.BYTES + Integer.BYTES + Integer.BYTES;

    int chunkCount() {
        return chunkRecids.length;
    }

    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + chunkRecids.length * Long.BYTES + Integer.BYTES);
        buffer.putLong(zxid).putLong(totalBytes).putInt(streamCrc).putInt(chunkRecids.length);
        for (long recid : chunkRecids) {
            buffer.putLong(recid);
        }
        buffer.putInt(checksum(buffer.array(), buffer.position()));
        return buffer.array();
    }

    /** Decodes the header of the file named for {@code zxid}, refusing one whose checksum or zxid does not match. */
    static SnapshotHeader decode(long zxid, byte[] bytes) throws CorruptSnapshotException {
        if (bytes == null) {
            throw new CorruptSnapshotException(name(zxid) + ": its file has no header");
        }
        if (bytes.length < FIXED_BYTES + Integer.BYTES) {
            throw new CorruptSnapshotException(name(zxid) + ": header is " + bytes.length + " bytes, too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long storedZxid = buffer.getLong();
        long totalBytes = buffer.getLong();
        int streamCrc = buffer.getInt();
        int chunkCount = buffer.getInt();
        if (chunkCount < 0 || bytes.length != FIXED_BYTES + (long) chunkCount * Long.BYTES + Integer.BYTES) {
            throw new CorruptSnapshotException(name(zxid) + ": header of " + bytes.length + " bytes cannot list "
                    + chunkCount + " chunks");
        }
        long[] recids = new long[chunkCount];
        for (int i = 0; i < chunkCount; i++) {
            recids[i] = buffer.getLong();
        }
        int stored = buffer.getInt();
        int computed = checksum(bytes, bytes.length - Integer.BYTES);
        if (stored != computed) {
            throw new CorruptSnapshotException(String.format("%s: header CRC32C mismatch (stored %08x, computed %08x)",
                    name(zxid), stored, computed));
        }
        if (storedZxid != zxid || totalBytes < 0) {
            throw new CorruptSnapshotException(name(zxid) + ": header of snapshot " + Zxid.toString(storedZxid)
                    + " (" + totalBytes + " bytes) does not fit its file");
        }
        return new SnapshotHeader(storedZxid, totalBytes, streamCrc, recids);
    }

    /** How messages name a snapshot: by its zxid, as the logs do. */
    static String name(long zxid) {
        return "snapshot " + Zxid.toString(zxid);
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
