package io.chorus.persistence.snapshot;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How one chunk of a snapshot is stored: a CRC32C (over the snapshot's zxid, the chunk's index and its data, so
 * a chunk of another snapshot or another place fails too) followed by the data.
 */
final class ChunkFormat {
    /** Chunks per snapshot: 16 Mi chunks, about 1 TiB at the default chunk size. */
    static final int CHUNK_COUNT_MAX = 1 << 24;

    private ChunkFormat() {
    }

    static byte[] encode(long zxid, int index, byte[] data, int length) {
        byte[] value = new byte[Integer.BYTES + length];
        System.arraycopy(data, 0, value, Integer.BYTES, length);
        ByteBuffer.wrap(value).putInt(checksum(zxid, index, value));
        return value;
    }

    /** The data of a stored chunk, after checking its CRC. */
    static byte[] decode(long zxid, int index, byte[] value) throws CorruptSnapshotException {
        if (value.length < Integer.BYTES) {
            throw new CorruptSnapshotException("chunk " + index + " is " + value.length
                    + " bytes, shorter than its CRC");
        }
        int stored = ByteBuffer.wrap(value).getInt();
        int computed = checksum(zxid, index, value);
        if (stored != computed) {
            throw new CorruptSnapshotException(String.format("chunk %d CRC32C mismatch (stored %08x, computed %08x)",
                    index, stored, computed));
        }
        byte[] data = new byte[value.length - Integer.BYTES];
        System.arraycopy(value, Integer.BYTES, data, 0, data.length);
        return data;
    }

    private static int checksum(long zxid, int index, byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(zxid).putInt(index).flip());
        crc.update(value, Integer.BYTES, value.length - Integer.BYTES);
        return (int) crc.getValue();
    }
}
