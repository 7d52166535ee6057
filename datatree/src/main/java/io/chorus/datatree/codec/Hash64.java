package io.chorus.datatree.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash built from primitives and byte ranges, identical on every JVM (no use of
 * {@code hashCode} or of seeds chosen at run time), for the tree digest. Not cryptographic: it detects
 * divergent replicas and corrupt snapshots, it does not resist an adversary.
 */
public final class Hash64 {
    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long state;

    public Hash64(long seed) {
        state = seed * PRIME_3 + PRIME_1;
    }

    public Hash64 add(long value) {
        state = Long.rotateLeft(state ^ scramble(value), 27) * PRIME_1 + PRIME_2;
        return this;
    }

    /** Adds the length too, so ("ab", "c") and ("a", "bc") differ. */
    public Hash64 add(byte[] bytes, int offset, int length) {
        add(length);
        int pos = offset;
        int end = offset + length;
        while (end - pos >= Long.BYTES) {
            add((long) LONG_LE.get(bytes, pos));
            pos += Long.BYTES;
        }
        long tail = 0;
        for (int shift = 0; pos < end; pos++, shift += 8) {
            tail |= (bytes[pos] & 0xFFL) << shift;
        }
        return add(tail);
    }

    public long finish() {
        long h = state;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    private static long scramble(long value) {
        return Long.rotateLeft(value * PRIME_2, 31) * PRIME_1;
    }
}
