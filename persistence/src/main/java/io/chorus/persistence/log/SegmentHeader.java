package io.chorus.persistence.log;

import io.chorus.api.spi.Zxid;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The first bytes of every segment file, big-endian:
 *
 * <pre>
 *   int  magic      0x43484C47, "CHLG"
 *   int  version    1
 *   long firstZxid  the zxid of the segment's first record; also the file name
 *   long prevZxid   the last zxid of the segment before this one (0 if none), so a missing segment is seen
 *   int  crc32c     over the 24 bytes above
 * </pre>
 */
record SegmentHeader(long firstZxid, long prevZxid) {
    static final int MAGIC = 0x43484C47;
    static final int VERSION = 1;
    static final int BYTES = 28;

    SegmentHeader {
        if (firstZxid <= 0 || prevZxid < 0 || prevZxid >= firstZxid) {
            throw new IllegalArgumentException("segment header firstZxid " + Zxid.toString(firstZxid)
                    + " prevZxid " + Zxid.toString(prevZxid));
        }
    }

    void encode(ByteBuffer dst) {
        int start = dst.position();
        dst.putInt(MAGIC).putInt(VERSION).putLong(firstZxid).putLong(prevZxid);
        dst.putInt(checksum(dst, start));
    }

    /** Reads a header from {@code src}'s next {@link #BYTES} bytes, refusing anything that does not verify. */
    static SegmentHeader decode(ByteBuffer src, Path file) throws CorruptLogException {
        int start = src.position();
        int magic = src.getInt(start);
        int version = src.getInt(start + 4);
        long firstZxid = src.getLong(start + 8);
        long prevZxid = src.getLong(start + 16);
        int storedCrc = src.getInt(start + 24);
        if (magic != MAGIC) {
            throw new CorruptLogException(file, 0, String.format("not a Chorus log segment (magic %08x)", magic));
        }
        if (version != VERSION) {
            throw new CorruptLogException(file, 4, "unsupported segment version " + version);
        }
        int computed = checksum(src, start);
        if (computed != storedCrc) {
            throw new CorruptLogException(file, 24, String.format(
                    "segment header CRC32C mismatch (stored %08x, computed %08x)", storedCrc, computed));
        }
        if (firstZxid <= 0 || prevZxid < 0 || prevZxid >= firstZxid) {
            throw new CorruptLogException(file, 8, "segment header has firstZxid " + Zxid.toString(firstZxid)
                    + " and prevZxid " + Zxid.toString(prevZxid));
        }
        src.position(start + BYTES);
        return new SegmentHeader(firstZxid, prevZxid);
    }

    private static int checksum(ByteBuffer buffer, int start) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(start).limit(start + BYTES - Integer.BYTES));
        return (int) crc.getValue();
    }
}
