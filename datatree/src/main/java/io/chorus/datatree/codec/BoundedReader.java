package io.chorus.datatree.codec;

import java.io.IOException;

/**
 * Reads big-endian primitives from a byte array without ever reading past its end or allocating more
 * than the bytes that remain: a length or count larger than what is left is reported as malformed
 * before anything is allocated. Every failure is an {@link IOException} naming the field.
 */
public final class BoundedReader {
    private final byte[] bytes;
    private int position;

    public BoundedReader(byte[] bytes) {
        this.bytes = bytes;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return bytes.length - position;
    }

    public byte readByte(String field) throws IOException {
        require(1, field);
        return bytes[position++];
    }

    public int readInt(String field) throws IOException {
        require(4, field);
        int value = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    public long readLong(String field) throws IOException {
        long high = readInt(field) & 0xFFFFFFFFL;
        long low = readInt(field) & 0xFFFFFFFFL;
        return (high << 32) | low;
    }

    /** A length-prefixed byte array; length -1 means null. */
    public byte[] readBytesOrNull(String field) throws IOException {
        int length = readLength(field);
        if (length < 0) {
            return null;
        }
        byte[] out = new byte[length];
        System.arraycopy(bytes, position, out, 0, length);
        position += length;
        return out;
    }

    /** A length-prefixed CESU-8 string; length -1 means null. */
    public String readStringOrNull(String field) throws IOException {
        int length = readLength(field);
        if (length < 0) {
            return null;
        }
        String value;
        try {
            value = Cesu8.decode(bytes, position, length);
        } catch (IOException e) {
            throw new IOException(field + ": " + e.getMessage(), e);
        }
        position += length;
        return value;
    }

    public String readString(String field) throws IOException {
        String value = readStringOrNull(field);
        if (value == null) {
            throw new IOException("malformed " + field + ": null where a string is required, at offset " + position);
        }
        return value;
    }

    /**
     * An element count; -1 means null. Each element takes at least {@code minElementBytes}, so a count the
     * remaining bytes cannot hold is malformed (and nothing is allocated for it).
     */
    public int readCount(String field, int minElementBytes) throws IOException {
        int at = position;
        int count = readInt(field);
        if (count < -1 || (count > 0 && (long) count * minElementBytes > remaining())) {
            throw new IOException("malformed " + field + ": count " + count + " at offset " + at
                    + " does not fit the " + remaining() + " remaining bytes");
        }
        return count;
    }

    public void expectEnd(String what) throws IOException {
        if (remaining() != 0) {
            throw new IOException("malformed " + what + ": " + remaining() + " trailing bytes after offset " + position);
        }
    }

    private int readLength(String field) throws IOException {
        int at = position;
        int length = readInt(field + " length");
        if (length < -1 || length > remaining()) {
            throw new IOException("malformed " + field + ": length " + length + " at offset " + at
                    + " does not fit the " + remaining() + " remaining bytes");
        }
        return length;
    }

    private void require(int count, String field) throws IOException {
        if (remaining() < count) {
            throw new IOException("truncated input: " + field + " needs " + count + " bytes at offset " + position
                    + ", only " + remaining() + " remain");
        }
    }
}
