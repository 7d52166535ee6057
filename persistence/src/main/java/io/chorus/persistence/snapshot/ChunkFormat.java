package io.chorus.persistence.snapshot;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How one chunk of a snapshot is stored. The key packs the snapshot's generation above a 24-bit chunk index;
 * the value is a CRC32C (over generation, index and data, so a chunk stored under the wrong key fails too)
 * followed by the data.
 */
final class ChunkFormat {
    static final int INDEX_BITS = 24;
    /** Chunks per snapshot: 16 Mi chunks, 16 TiB at the default 1 MiB chunk size. */
    static final int CHUNK_COUNT_MAX = 1 << INDEX_BITS;
    static final long GENERATION_MAX = (1L << (Long.SIZE - 1 - INDEX_BITS)) - 1;

    private ChunkFormat() {
    }

    static long key(long generation, int index) {
        if (generation <= 0 || generation > GENERATION_MAX || index < 0 || index >= CHUNK_COUNT_MAX) {
            throw new IllegalArgumentException("chunk " + index + " of generation " + generation);
        }
        return (generation << INDEX_BITS) | index;
    }

    static byte[] encode(long generation, int index, byte[] data, int length) {
        byte[] value = new byte[Integer.BYTES + length];
        System.arraycopy(data, 0, value, Integer.BYTES, length);
        ByteBuffer.wrap(value).putInt(checksum(generation, index, value));
        return value;
    }

    /** The data of a stored chunk, after checking its CRC. */
    static byte[] decode(long generation, int index, byte[] value) throws CorruptSnapshotException {
        if (value.length < Integer.BYTES) {
            throw new CorruptSnapshotException("chunk " + index + " is " + value.length
                    + " bytes, shorter than its CRC");
        }
        int stored = ByteBuffer.wrap(value).getInt();
        int computed = checksum(generation, index, value);
        if (stored != computed) {
            throw new CorruptSnapshotException(String.format("chunk %d CRC32C mismatch (stored %08x, computed %08x)",
                    index, stored, computed));
        }
        byte[] data = new byte[value.length - Integer.BYTES];
        System.arraycopy(value, Integer.BYTES, data, 0, data.length);
        return data;
    }

    private static int checksum(long generation, int index, byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(generation).putInt(index).flip());
        crc.update(value, Integer.BYTES, value.length - Integer.BYTES);
        return (int) crc.getValue();
    }
}
