package io.chorus.datatree.node;

import java.util.Arrays;

/**
 * A node's children keyed by name: an open-addressing table (linear probing, backward-shift deletion)
 * holding only node references, so a child costs a slot rather than a map entry and a String key.
 * Beside the slots, one byte per slot holds a fingerprint of the child's name hash (0 = empty), so a
 * probe skips a non-matching slot without touching its node: a lookup of an absent name (every create
 * makes one) reads a single run of bytes instead of a node per probe, each a cache miss in a big tree.
 * Lookups compare name bytes in place. Like nodes, a table belongs to a generation and is copied
 * before its first change while an older snapshot may still read it.
 */
final class ChildTable {
    static final int CAPACITY_MIN = 4;
    /** Grow past 3/4 full: linear probing stays short below that. */
    private static final int LOAD_NUMERATOR = 3;
    private static final int LOAD_DENOMINATOR = 4;
    private static final byte EMPTY = 0;

    private Node[] slots;
    /** fingerprints[i] is {@link #fingerprint} of slots[i]'s name hash, or {@link #EMPTY} when slots[i] is null. */
    private byte[] fingerprints;
    private int size;
    private final int generation;

    ChildTable(int generation) {
        this(new Node[CAPACITY_MIN], new byte[CAPACITY_MIN], 0, generation);
    }

    private ChildTable(Node[] slots, byte[] fingerprints, int size, int generation) {
        this.slots = slots;
        this.fingerprints = fingerprints;
        this.size = size;
        this.generation = generation;
    }

    int generation() {
        return generation;
    }

    ChildTable copyInto(int newGeneration) {
        return new ChildTable(slots.clone(), fingerprints.clone(), size, newGeneration);
    }

    int size() {
        return size;
    }

    int capacity() {
        return slots.length;
    }

    Node get(byte[] name, int offset, int length) {
        int i = indexOf(name, offset, length);
        return i < 0 ? null : slots[i];
    }

    /** Adds a child whose name is not present yet; a duplicate is a bug, refused before anything changes. */
    void insert(Node child) {
        int hash = child.nameHash();
        if (indexOf(hash, child.nameBytesShared(), 0, child.nameLength()) >= 0) {
            throw new IllegalStateException("child already present: " + child.name());
        }
        if ((size + 1) * LOAD_DENOMINATOR > slots.length * LOAD_NUMERATOR) {
            rehash(slots.length * 2);
        }
        place(child, hash);
        size++;
    }

    /** Swaps a child for its copy (same name), keeping its slot. */
    void replace(Node current, Node copy) {
        int i = indexOf(current.nameBytesShared(), 0, current.nameLength());
        if (i < 0 || slots[i] != current) {
            throw new IllegalStateException("child to replace is not in the table: " + current.name());
        }
        slots[i] = copy;
    }

    /** Removes the named child and returns it, or null when absent. */
    Node remove(byte[] name, int offset, int length) {
        int i = indexOf(name, offset, length);
        if (i < 0) {
            return null;
        }
        Node removed = slots[i];
        closeGap(i);
        size--;
        if (slots.length > CAPACITY_MIN && size * 8 < slots.length) {
            rehash(Math.max(CAPACITY_MIN, Integer.highestOneBit(Math.max(1, size)) * 4));
        }
        return removed;
    }

    Node[] toArray() {
        Node[] out = new Node[size];
        int count = 0;
        for (Node n : slots) {
            if (n != null) {
                out[count++] = n;
            }
        }
        return out;
    }

    /**
     * Walks every slot and checks each child sits where probing finds it, under its fingerprint, and that
     * empty slots have none; for invariant checks. Returns the children found that way.
     */
    int countReachable() {
        int reachable = 0;
        for (int i = 0; i < slots.length; i++) {
            Node n = slots[i];
            if (n == null) {
                if (fingerprints[i] != EMPTY) {
                    throw new IllegalStateException("empty slot " + i + " has fingerprint " + fingerprints[i]);
                }
            } else if (fingerprints[i] == fingerprint(n.nameHash())
                    && get(n.nameBytesShared(), 0, n.nameLength()) == n) {
                reachable++;
            }
        }
        return reachable;
    }

    static int hashName(byte[] bytes, int offset, int length) {
        int h = 0x811C9DC5;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /**
     * The hash's top byte, never {@link #EMPTY}: the slot index uses the low bits, so the top ones still
     * tell apart names that probe into the same run (all but 1 in 255 of them).
     */
    static byte fingerprint(int hash) {
        int top = hash >>> 24;
        return (byte) (top == 0 ? 1 : top);
    }

    private int indexOf(byte[] name, int offset, int length) {
        return indexOf(hashName(name, offset, length), name, offset, length);
    }

    /** The slot holding the named child, or -1; only slots whose fingerprint matches are looked into. */
    private int indexOf(int hash, byte[] name, int offset, int length) {
        byte wanted = fingerprint(hash);
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            byte f = fingerprints[i];
            if (f == EMPTY) {
                return -1;
            }
            if (f == wanted) {
                Node n = slots[i];
                if (n.nameHash() == hash && n.nameEquals(name, offset, length)) {
                    return i;
                }
            }
        }
    }

    /** Puts a child in the first free slot of its probe run; the caller keeps {@link #size}. */
    private void place(Node child, int hash) {
        int mask = slots.length - 1;
        int i = hash & mask;
        while (fingerprints[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        slots[i] = child;
        fingerprints[i] = fingerprint(hash);
    }

    /** Backward-shift deletion: moves later entries of the probe run into the gap so lookups still find them. */
    private void closeGap(int gap) {
        int mask = slots.length - 1;
        int hole = gap;
        slots[hole] = null;
        fingerprints[hole] = EMPTY;
        for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            int home = slots[i].nameHash() & mask;
            // the entry may move into the hole only if its home is not cyclically within (hole, i]
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                slots[hole] = slots[i];
                fingerprints[hole] = fingerprints[i];
                slots[i] = null;
                fingerprints[i] = EMPTY;
                hole = i;
            }
        }
    }

    private void rehash(int newCapacity) {
        Node[] old = slots;
        slots = new Node[newCapacity];
        fingerprints = new byte[newCapacity];
        for (Node n : old) {
            if (n != null) {
                place(n, n.nameHash());
            }
        }
    }

    @Override
    public String toString() {
        return "ChildTable[size=" + size + ", capacity=" + slots.length + ", " + Arrays.toString(toArray()) + "]";
    }
}
