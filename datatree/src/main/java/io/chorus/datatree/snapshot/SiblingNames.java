package io.chorus.datatree.snapshot;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Node names in few bytes, each relative to its previous sibling (the last node written at the same
 * depth, while no shallower node came between). Siblings are written in name order, so they tend to
 * share a prefix, and ZooKeeper's sequential nodes (locks, queues, elections) and most generated names
 * are a fixed stem plus a zero-padded counter. A name is one of:
 * <ul>
 *   <li>numeric: the same stem and digit count as the previous sibling and a larger number; written as
 *       the varint {@code (difference << 1) | 1}, so siblings numbered at a steady stride cost the same
 *       few bytes each, which deflate then all but removes;</li>
 *   <li>literal: the varint {@code sharedPrefix << 1}, the varint length of the rest, the rest.</li>
 * </ul>
 * The same instance must see the nodes in record order, on both sides: one per snapshot.
 */
final class SiblingNames {
    /** Trailing digits beyond this many belong to the stem: the number must fit a long. */
    private static final int DIGITS_MAX = 18;
    private static final long[] POWERS_OF_TEN = new long[DIGITS_MAX + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i <= DIGITS_MAX; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** previous[d] is the name of the last node at depth d, null when its parent has had no child yet. */
    private byte[][] previous = new byte[16][];
    private int[] previousLengths = new int[16];

    /** Writes {@code name[0, length)} of a node at {@code depth}; the array is not modified later. */
    void write(DataOutput out, int depth, byte[] name, int length) throws IOException {
        byte[] reference = reference(depth);
        int referenceLength = reference == null ? 0 : previousLengths[depth];
        long difference = reference == null ? 0 : numericDifference(reference, referenceLength, name, length);
        if (difference > 0) {
            Varint.writeUnsigned(out, (difference << 1) | 1);
        } else {
            int shared = reference == null ? 0 : Arrays.mismatch(reference, 0, referenceLength, name, 0, length);
            if (shared < 0) {
                shared = length; // equal names: only the root's (empty) or corruption the reader will name
            }
            Varint.writeUnsigned(out, (long) shared << 1);
            Varint.writeUnsigned(out, length - shared);
            out.write(name, shared, length - shared);
        }
        remember(depth, name, length);
    }

    /** Reads the name of a node at {@code depth} (already checked to fit the tree); never longer than {@code maxLength}. */
    byte[] read(DataInput in, int depth, int maxLength) throws IOException {
        byte[] reference = reference(depth);
        int referenceLength = reference == null ? 0 : previousLengths[depth];
        long header = Varint.readUnsigned(in, "name");
        byte[] name;
        if ((header & 1) == 1) {
            name = addToNumber(reference, referenceLength, header >>> 1);
        } else {
            long shared = header >>> 1;
            long rest = Varint.readUnsigned(in, "name length");
            if (shared > referenceLength || rest < 0 || rest > maxLength - shared) {
                throw new MalformedRecordException("a name of " + shared + " bytes shared with its previous sibling's "
                        + referenceLength + " and " + rest + " more (at most " + maxLength + " in all)");
            }
            name = new byte[(int) (shared + rest)];
            if (shared > 0) {
                System.arraycopy(reference, 0, name, 0, (int) shared);
            }
            in.readFully(name, (int) shared, (int) rest);
        }
        remember(depth, name, name.length);
        return name;
    }

    private byte[] reference(int depth) {
        return depth < previous.length ? previous[depth] : null;
    }

    private void remember(int depth, byte[] name, int length) {
        if (depth + 1 >= previous.length) {
            previous = Arrays.copyOf(previous, Math.max(depth + 2, previous.length * 2));
            previousLengths = Arrays.copyOf(previousLengths, previous.length);
        }
        previous[depth] = name;
        previousLengths[depth] = length;
        previous[depth + 1] = null; // this node's children will have no previous sibling yet
    }

    /** How far {@code name}'s number is above {@code reference}'s when both are the same stem and width; else 0. */
    private static long numericDifference(byte[] reference, int referenceLength, byte[] name, int length) {
        int digits = trailingDigits(name, length);
        if (digits == 0 || referenceLength != length || trailingDigits(reference, referenceLength) != digits
                || Arrays.mismatch(reference, 0, length - digits, name, 0, length - digits) >= 0) {
            return 0;
        }
        long difference = number(name, length, digits) - number(reference, length, digits);
        return Math.max(difference, 0);
    }

    private static byte[] addToNumber(byte[] reference, int referenceLength, long difference) throws IOException {
        int digits = reference == null ? 0 : trailingDigits(reference, referenceLength);
        if (digits == 0) {
            throw new MalformedRecordException("a name numbered after a previous sibling that has no number");
        }
        long value = number(reference, referenceLength, digits);
        if (difference < 1 || difference >= POWERS_OF_TEN[digits] - value) {
            throw new MalformedRecordException("a name numbered " + Long.toUnsignedString(difference)
                    + " past a " + digits + "-digit number " + value);
        }
        byte[] name = Arrays.copyOf(reference, referenceLength);
        long rest = value + difference;
        for (int i = referenceLength - 1; i >= referenceLength - digits; i--) {
            name[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return name;
    }

    /**
     * One bound and the digit test per step: with three tests (count, length, digit) C2's speculative
     * loop predicates kept failing on the snapshot writer's names (profile_predicate traps), and each
     * failure recompiled the whole batch writer this loop is inlined into.
     */
    private static int trailingDigits(byte[] name, int length) {
        int stop = Math.max(0, length - DIGITS_MAX);
        int start = length;
        while (start > stop && isDigit(name[start - 1])) {
            start--;
        }
        return length - start;
    }

    private static long number(byte[] name, int length, int digits) {
        long value = 0;
        for (int i = length - digits; i < length; i++) {
            value = value * 10 + (name[i] - '0');
        }
        return value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
