package io.chorus.datatree.codec;

import java.io.IOException;

/**
 * Strings as bytes, one UTF-16 unit at a time (CESU-8). Unlike {@code String.getBytes(UTF_8)} it is
 * injective for every Java string, unpaired surrogates included, so encoded names never collide and
 * every string round-trips exactly. For the characters ZooKeeper allows in paths (the BMP outside the
 * surrogate range) the bytes are exactly UTF-8. The byte {@code '/'} never occurs inside a multi-byte
 * sequence, so an encoded path can be split on it.
 */
public final class Cesu8 {
    private Cesu8() {
    }

    public static int encodedLength(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            length += unitLength(s.charAt(i));
        }
        return length;
    }

    public static byte[] encode(String s) {
        byte[] out = new byte[encodedLength(s)];
        encodeInto(s, out, 0);
        return out;
    }

    /**
     * Writes the encoding of {@code s} into {@code out} from {@code offset} (which must have room for
     * {@link #encodedLength} bytes) and returns the offset after it.
     */
    public static int encodeInto(String s, byte[] out, int offset) {
        int pos = offset;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
    }

    /** Decodes bytes produced by {@link #encode}; anything else (overlong, truncated, 4-byte forms) is rejected. */
    public static String decode(byte[] bytes, int offset, int length) throws IOException {
        char[] chars = new char[length];
        int count = 0;
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int b0 = bytes[pos] & 0xFF;
            if (b0 < 0x80) {
                chars[count++] = (char) b0;
                pos++;
            } else if ((b0 & 0xE0) == 0xC0) {
                int c = ((b0 & 0x1F) << 6) | continuation(bytes, pos + 1, end);
                if (c < 0x80) {
                    throw malformed(pos - offset, "overlong 2-byte form");
                }
                chars[count++] = (char) c;
                pos += 2;
            } else if ((b0 & 0xF0) == 0xE0) {
                int c = ((b0 & 0x0F) << 12) | (continuation(bytes, pos + 1, end) << 6)
                        | continuation(bytes, pos + 2, end);
                if (c < 0x800) {
                    throw malformed(pos - offset, "overlong 3-byte form");
                }
                chars[count++] = (char) c;
                pos += 3;
            } else {
                throw malformed(pos - offset, "invalid lead byte 0x" + Integer.toHexString(b0));
            }
        }
        return new String(chars, 0, count);
    }

    /** For bytes this process encoded itself (stored names): malformed input is a bug, not bad input. */
    public static String decodeTrusted(byte[] bytes, int offset, int length) {
        try {
            return decode(bytes, offset, length);
        } catch (IOException e) {
            throw new IllegalStateException("stored name bytes are not CESU-8: " + e.getMessage(), e);
        }
    }

    private static int continuation(byte[] bytes, int pos, int end) throws IOException {
        if (pos >= end) {
            throw new IOException("malformed string bytes: sequence truncated at end");
        }
        int b = bytes[pos] & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw new IOException("malformed string bytes: expected a continuation byte, got 0x" + Integer.toHexString(b));
        }
        return b & 0x3F;
    }

    private static int unitLength(char c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }

    private static IOException malformed(int at, String why) {
        return new IOException("malformed string bytes at offset " + at + ": " + why);
    }
}
