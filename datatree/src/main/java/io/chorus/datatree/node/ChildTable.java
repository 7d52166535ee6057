package io.chorus.datatree.node;

import java.util.Arrays;

/**
 * A node's children keyed by name: an open-addressing table (linear probing, backward-shift deletion)
 * holding only node references, so a child costs a slot rather than a map entry and a String key.
 * Lookups compare name bytes in place. Like nodes, a table belongs to a generation and is copied
 * before its first change while an older snapshot may still read it.
 */
final class ChildTable {
    static final int CAPACITY_MIN = 4;
    /** Grow past 3/4 full: linear probing stays short below that. */
    private static final int LOAD_NUMERATOR = 3;
    private static final int LOAD_DENOMINATOR = 4;

    private Node[] slots;
    private int size;
    private final int generation;

    ChildTable(int generation) {
        this(new Node[CAPACITY_MIN], 0, generation);
    }

    private ChildTable(Node[] slots, int size, int generation) {
        this.slots = slots;
        this.size = size;
        this.generation = generation;
    }

    int generation() {
        return generation;
    }

    ChildTable copyInto(int newGeneration) {
        return new ChildTable(slots.clone(), size, newGeneration);
    }

    int size() {
        return size;
    }

    int capacity() {
        return slots.length;
    }

    Node get(byte[] name, int offset, int length) {
        int mask = slots.length - 1;
        for (int i = hashName(name, offset, length) & mask; ; i = (i + 1) & mask) {
            Node n = slots[i];
            if (n == null) {
                return null;
            }
            if (n.nameEquals(name, offset, length)) {
                return n;
            }
        }
    }

    /** Adds a child whose name is not present yet (callers have checked; a duplicate is a bug). */
    void insert(Node child) {
        if ((size + 1) * LOAD_DENOMINATOR > slots.length * LOAD_NUMERATOR) {
            rehash(slots.length * 2);
        }
        int mask = slots.length - 1;
        for (int i = child.nameHash() & mask; ; i = (i + 1) & mask) {
            Node n = slots[i];
            if (n == null) {
                slots[i] = child;
                size++;
                return;
            }
            if (n.nameEquals(child.nameBytesShared(), 0, child.nameLength())) {
                throw new IllegalStateException("child already present: " + child.name());
            }
        }
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

    /** Walks every slot and checks each child sits where probing finds it; for invariant checks. */
    int countReachable() {
        int reachable = 0;
        for (Node n : slots) {
            if (n != null && get(n.nameBytesShared(), 0, n.nameLength()) == n) {
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

    private int indexOf(byte[] name, int offset, int length) {
        int mask = slots.length - 1;
        for (int i = hashName(name, offset, length) & mask; ; i = (i + 1) & mask) {
            Node n = slots[i];
            if (n == null) {
                return -1;
            }
            if (n.nameEquals(name, offset, length)) {
                return i;
            }
        }
    }

    /** Backward-shift deletion: moves later entries of the probe run into the gap so lookups still find them. */
    private void closeGap(int gap) {
        int mask = slots.length - 1;
        int hole = gap;
        slots[hole] = null;
        for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            int home = slots[i].nameHash() & mask;
            // the entry may move into the hole only if its home is not cyclically within (hole, i]
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                slots[hole] = slots[i];
                slots[i] = null;
                hole = i;
            }
        }
    }

    private void rehash(int newCapacity) {
        Node[] old = slots;
        slots = new Node[newCapacity];
        int mask = newCapacity - 1;
        for (Node n : old) {
            if (n == null) {
                continue;
            }
            int i = n.nameHash() & mask;
            while (slots[i] != null) {
                i = (i + 1) & mask;
            }
            slots[i] = n;
        }
    }

    @Override
    public String toString() {
        return "ChildTable[size=" + size + ", capacity=" + slots.length + ", " + Arrays.toString(toArray()) + "]";
    }
}
