package io.chorus.paxos;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.LogHistory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * This server's log of accepted values as the protocol tracks it: slots without a hole up to {@link #last()},
 * of which those up to {@link #durable()} are on disk. Recent slots are held in memory; older ones (durable by
 * then) are read back through {@link LogHistory}. The log holds every slot after {@link #coveredAfter()}; a
 * snapshot stands for the ones before.
 */
final class SlotLog {
    private final LogHistory history;
    /** Slots in (floor, last], in memory. */
    private final TreeMap<Long, byte[]> tail = new TreeMap<>();
    private long floor;
    private long last;
    private long durable;
    private long coveredAfter;

    SlotLog(LogHistory history, long lastLoggedSlot) {
        this.history = history;
        this.floor = lastLoggedSlot;
        this.last = lastLoggedSlot;
        this.durable = lastLoggedSlot;
        this.coveredAfter = SlotZxids.slot(history.coversAfter());
    }

    long last() {
        return last;
    }

    long durable() {
        return durable;
    }

    long coveredAfter() {
        return coveredAfter;
    }

    /** Appends the next slot and returns it. */
    long append(byte[] payload) {
        tail.put(++last, payload);
        return last;
    }

    void truncateAfter(long slot) {
        if (slot < coveredAfter || slot >= last) {
            throw new IllegalStateException("truncating after slot " + slot + " of a log holding (" + coveredAfter
                    + ", " + last + "]");
        }
        tail.tailMap(slot, false).clear();
        last = slot;
        durable = Math.min(durable, slot);
        floor = Math.min(floor, slot);
    }

    /** A snapshot of the state through {@code slot} replaces the log. */
    void installSnapshot(long slot) {
        tail.clear();
        floor = slot;
        last = slot;
        coveredAfter = slot;
        durable = Math.min(durable, slot);
    }

    void persisted(long slot) {
        durable = Math.max(durable, Math.min(slot, last));
    }

    /** Forgets in-memory slots at or below {@code slot} that are durable: they can be read back. */
    void release(long slot) {
        long upTo = Math.min(slot, durable);
        while (!tail.isEmpty() && tail.firstKey() <= upTo) {
            tail.pollFirstEntry();
        }
        floor = Math.max(floor, upTo);
    }

    /** Whether slots from {@code from} on can be read (they were not replaced by a snapshot). */
    boolean holdsFrom(long from) {
        return from > coveredAfter;
    }

    /** The values of slots {@code from} through {@code to}. */
    List<byte[]> read(long from, long to) {
        if (from <= coveredAfter || to > last) {
            throw new IllegalStateException("reading slots " + from + ".." + to + " of a log holding (" + coveredAfter
                    + ", " + last + "]");
        }
        List<byte[]> values = new ArrayList<>((int) Math.max(0, Math.min(to - from + 1, 1 << 16)));
        long slot = from;
        if (slot <= floor) {
            Iterator<LogEntry> older = history.readAfter(SlotZxids.zxid(slot - 1));
            while (slot <= Math.min(floor, to)) {
                if (!older.hasNext()) {
                    throw new IllegalStateException("the log ends before slot " + slot + " (held through " + floor + ")");
                }
                LogEntry entry = older.next();
                long entrySlot = SlotZxids.slot(entry.zxid());
                if (entrySlot != slot) {
                    throw new IllegalStateException("the log has slot " + entrySlot + " where slot " + slot
                            + " should be");
                }
                values.add(entry.payload());
                slot++;
            }
        }
        for (; slot <= to; slot++) {
            values.add(tail.get(slot));
        }
        return values;
    }
}
