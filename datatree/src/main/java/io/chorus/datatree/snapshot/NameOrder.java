package io.chorus.datatree.snapshot;

import io.chorus.datatree.node.Node;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Sorts a node's children by name bytes (unsigned), as the snapshot format requires. Siblings usually
 * share a long prefix ("lock-000000…", "n0000…"), so comparing whole names would read every name again
 * at every step of the sort, each a cache miss in a big tree. Instead each name is read once: the
 * prefix all the children share is skipped and the next eight bytes become a number, zero-padded, that
 * orders the same way; only children whose numbers tie are compared byte by byte.
 */
final class NameOrder {
    private static final Comparator<Keyed> ORDER = Comparator.comparingLong(Keyed::key)
            .thenComparing(Keyed::node, NameOrder::compareNames);

    private NameOrder() {
    }

    /** One child and the eight bytes of its name after the shared prefix, as an unsigned-ordered long. */
    private record Keyed(long key, Node node) {
    }

    static Node[] sorted(Node[] children) {
        if (children.length < 2) {
            return children;
        }
        int shared = sharedPrefix(children);
        Keyed[] keyed = new Keyed[children.length];
        for (int i = 0; i < children.length; i++) {
            keyed[i] = new Keyed(key(children[i], shared), children[i]);
        }
        Arrays.sort(keyed, ORDER);
        for (int i = 0; i < children.length; i++) {
            children[i] = keyed[i].node();
        }
        return children;
    }

    static int compareNames(Node a, Node b) {
        return Arrays.compareUnsigned(a.nameBytesShared(), 0, a.nameLength(), b.nameBytesShared(), 0, b.nameLength());
    }

    private static int sharedPrefix(Node[] children) {
        Node first = children[0];
        int shared = first.nameLength();
        for (int i = 1; i < children.length && shared > 0; i++) {
            Node child = children[i];
            int mismatch = Arrays.mismatch(first.nameBytesShared(), 0, shared, child.nameBytesShared(), 0,
                    Math.min(shared, child.nameLength()));
            if (mismatch >= 0) {
                shared = mismatch;
            } else {
                shared = Math.min(shared, child.nameLength());
            }
        }
        return shared;
    }

    /**
     * Bytes {@code [from, from + 8)} of the name, missing ones as zero, flipped in the sign bit so that
     * signed comparison of the longs is unsigned comparison of the bytes. Zero-padding keeps the order:
     * a name ending early sorts before any longer name with the same bytes so far (a tie, if the longer
     * one continues with zero bytes, is settled by comparing whole names).
     */
    private static long key(Node node, int from) {
        byte[] name = node.nameBytesShared();
        int end = Math.min(node.nameLength(), from + Long.BYTES);
        long key = 0;
        for (int i = from; i < from + Long.BYTES; i++) {
            key = (key << 8) | (i < end ? name[i] & 0xFF : 0);
        }
        return key ^ Long.MIN_VALUE;
    }
}
