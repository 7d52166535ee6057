package io.chorus.datatree.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes big-endian primitives and the length-prefixed fields {@link BoundedReader} reads (-1 for null,
 * else the length and the bytes; strings as CESU-8) into an array whose length the caller computed in
 * advance, so encoding allocates exactly one array and copies nothing twice. {@link #toArray()} checks
 * the array was filled exactly: a size computed wrong is a bug, never a short or padded record.
 */
public final class ByteArrayWriter {
    /** A length prefix (or the -1 of null) before every variable-length field. */
    public static final int LENGTH_PREFIX_BYTES = Integer.BYTES;
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private int position;

    public ByteArrayWriter(int lengthBytes) {
        if (lengthBytes < 0) {
            throw new IllegalArgumentException("negative length " + lengthBytes);
        }
        this.bytes = new byte[lengthBytes];
    }

    /** The bytes {@link #writeBytesOrNull} takes for {@code value}. */
    public static int bytesOrNullLength(byte[] value) {
        return LENGTH_PREFIX_BYTES + (value == null ? 0 : value.length);
    }

    /** The bytes {@link #writeStringOrNull} takes for {@code value}. */
    public static int stringOrNullLength(String value) {
        return LENGTH_PREFIX_BYTES + (value == null ? 0 : Cesu8.encodedLength(value));
    }

    public void writeByte(int value) {
        bytes[position++] = (byte) value;
    }

    public void writeInt(int value) {
        INT_BE.set(bytes, position, value);
        position += Integer.BYTES;
    }

    public void writeLong(long value) {
        LONG_BE.set(bytes, position, value);
        position += Long.BYTES;
    }

    public void writeBytesOrNull(byte[] value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        writeInt(value.length);
        System.arraycopy(value, 0, bytes, position, value.length);
        position += value.length;
    }

    /** The string's CESU-8 bytes after their length, encoded in place (no intermediate array). */
    public void writeStringOrNull(String value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        int lengthAt = position;
        position = Cesu8.encodeInto(value, bytes, lengthAt + LENGTH_PREFIX_BYTES);
        INT_BE.set(bytes, lengthAt, position - lengthAt - LENGTH_PREFIX_BYTES);
    }

    /** The array, once exactly filled. */
    public byte[] toArray() {
        if (position != bytes.length) {
            throw new IllegalStateException("wrote " + position + " bytes into an array sized " + bytes.length);
        }
        return bytes;
    }
}
