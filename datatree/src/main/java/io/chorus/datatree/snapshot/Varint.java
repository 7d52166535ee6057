package io.chorus.datatree.snapshot;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Variable-length integers as protobuf writes them (LEB128): 7 bits a byte, least significant first,
 * the top bit saying another byte follows. Signed values are zigzag-encoded first, so small negative
 * numbers stay short. The writer always produces the shortest form.
 */
final class Varint {
    /** A 64-bit value takes at most this many bytes; a longer run is corruption. */
    static final int LONG_BYTES_MAX = 10;

    private Varint() {
    }

    static void writeUnsigned(DataOutput out, long value) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    static void writeSigned(DataOutput out, long value) throws IOException {
        writeUnsigned(out, (value << 1) ^ (value >> 63));
    }

    /** Reads an unsigned varint; {@code field} names it in the error when the bytes are not one. */
    static long readUnsigned(DataInput in, String field) throws IOException {
        long value = 0;
        for (int i = 0; i < LONG_BYTES_MAX; i++) {
            int b = in.readUnsignedByte();
            if (i == LONG_BYTES_MAX - 1 && b > 1) {
                throw new MalformedRecordException(field + " overflows 64 bits");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedRecordException(field + " runs past " + LONG_BYTES_MAX + " bytes");
    }

    static long readSigned(DataInput in, String field) throws IOException {
        long raw = readUnsigned(in, field);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** An unsigned varint that must fit a non-negative int. */
    static int readUnsignedInt(DataInput in, String field) throws IOException {
        long value = readUnsigned(in, field);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new MalformedRecordException(field + " " + Long.toUnsignedString(value) + " does not fit an int");
        }
        return (int) value;
    }

    /** A signed varint that must fit an int. */
    static int readSignedInt(DataInput in, String field) throws IOException {
        long value = readSigned(in, field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new MalformedRecordException(field + " " + value + " does not fit an int");
        }
        return (int) value;
    }
}
