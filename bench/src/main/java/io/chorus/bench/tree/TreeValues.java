package io.chorus.bench.tree;

import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The value of node i, the same bytes for every server and every run: a fixed seed, and in
 * {@link ValueMode#DISTINCT} mode a generator seeded per node, so no value repeats another.
 */
final class TreeValues implements IntFunction<byte[]> {
    static final long SEED = 0x7EE;

    private final ValueMode mode;
    private final int valueBytes;
    private final byte[] shared;

    TreeValues(ValueMode mode, int valueBytes) {
        this.mode = mode;
        this.valueBytes = valueBytes;
        this.shared = new byte[valueBytes];
        new SplittableRandom(SEED).nextBytes(shared);
    }

    /** Node {@code index}'s value; a new array in distinct mode, since the client keeps it until sent. */
    @Override
    public byte[] apply(int index) {
        if (mode == ValueMode.SAME) {
            return shared;
        }
        byte[] value = new byte[valueBytes];
        new SplittableRandom(SEED + 1 + index).nextBytes(value);
        return value;
    }
}
