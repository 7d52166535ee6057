package io.chorus.testkit.sim;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.api.spi.Zxid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A node's transaction log on the simulated disk. Appends go to a volatile tail; {@link #sync()} (or the
 * node's simulated fsync, {@link #markDurableThrough}) makes a prefix durable, and {@link #crash} decides
 * what of the rest survives. {@link #truncateAfter} is durable on return, as in the file and MapDB logs, so
 * the durable records are always a prefix of the records. Payloads are copied in and out, so nobody can
 * change a logged entry by keeping a reference to its array. Single-threaded, like everything in the
 * simulator.
 */
public final class SimTxnLog implements TxnLog {
    private final List<StoredRecord> records = new ArrayList<>();
    private final NavigableSet<Long> segmentStarts = new TreeSet<>();
    private boolean rollRequested;
    private int durableCount;
    private long nextWriteSequence = 1;
    private int tornDiscardedTotal;

    /** A record as the disk holds it: the checksum lets recovery spot a torn one. */
    private record StoredRecord(long zxid, byte[] payload, long checksum, long writeSequence) {
        boolean valid() {
            return checksum == checksumOf(zxid, payload);
        }
    }

    private static long checksumOf(long zxid, byte[] payload) {
        return TraceHash.mix(zxid ^ TraceHash.hashBytes(payload));
    }

    @Override
    public void append(LogEntry entry) {
        if (entry.zxid() <= lastZxid()) {
            throw new IllegalArgumentException("zxid " + Zxid.toString(entry.zxid()) + " is not above the last zxid "
                    + Zxid.toString(lastZxid()));
        }
        if (rollRequested || segmentStarts.isEmpty()) {
            segmentStarts.add(entry.zxid());
            rollRequested = false;
        }
        byte[] copy = entry.payload().clone();
        records.add(new StoredRecord(entry.zxid(), copy, checksumOf(entry.zxid(), copy), nextWriteSequence++));
    }

    @Override
    public void sync() {
        durableCount = records.size();
    }

    /** The write sequence number of the newest append (0 if none yet): what an fsync issued now covers. */
    public long writeSequence() {
        return nextWriteSequence - 1;
    }

    /** An fsync issued when {@link #writeSequence()} was {@code writeSequence} completed. */
    public void markDurableThrough(long writeSequence) {
        int count = durableCount;
        while (count < records.size() && records.get(count).writeSequence() <= writeSequence) {
            count++;
        }
        durableCount = count;
    }

    public boolean hasUnsynced() {
        return durableCount < records.size();
    }

    /** The zxid of the newest durable record, or 0. */
    public long durableZxid() {
        return durableCount == 0 ? 0 : records.get(durableCount - 1).zxid();
    }

    @Override
    public long lastZxid() {
        return records.isEmpty() ? 0 : records.get(records.size() - 1).zxid();
    }

    @Override
    public Iterator<LogEntry> readAfter(long afterZxid) {
        List<LogEntry> tail = new ArrayList<>();
        for (StoredRecord record : records) {
            if (record.zxid() > afterZxid) {
                tail.add(new LogEntry(record.zxid(), record.payload().clone()));
            }
        }
        return tail.iterator();
    }

    @Override
    public void truncateAfter(long zxid) {
        int keep = records.size();
        while (keep > 0 && records.get(keep - 1).zxid() > zxid) {
            keep--;
        }
        if (keep < records.size()) {
            records.subList(keep, records.size()).clear();
            NavigableSet<Long> laterStarts = segmentStarts.tailSet(zxid, false);
            if (!laterStarts.isEmpty()) {
                laterStarts.clear();
                rollRequested = true;
            }
        }
        durableCount = records.size();
    }

    @Override
    public void roll() {
        rollRequested = !segmentStarts.isEmpty();
    }

    @Override
    public void purgeUpTo(long zxid) {
        while (segmentStarts.size() > 1) {
            long start = segmentStarts.first();
            long nextStart = segmentStarts.higher(start);
            int lastInSegment = -1;
            int firstInSegment = -1;
            for (int i = 0; i < records.size(); i++) {
                long z = records.get(i).zxid();
                if (z >= start && z < nextStart) {
                    if (firstInSegment < 0) {
                        firstInSegment = i;
                    }
                    lastInSegment = i;
                }
            }
            if (lastInSegment >= 0 && records.get(lastInSegment).zxid() > zxid) {
                return;
            }
            if (firstInSegment >= 0) {
                int removed = lastInSegment - firstInSegment + 1;
                records.subList(firstInSegment, lastInSegment + 1).clear();
                durableCount = Math.max(0, durableCount - removed);
            }
            segmentStarts.remove(start);
        }
    }

    @Override
    public void close() {
        // Nothing to release; a closed simulated log is simply no longer used.
    }

    /**
     * The machine died: keep the durable prefix and, as {@code faults} allow, a random prefix of the unsynced
     * tail, possibly followed by one torn record. Recovery (which a real log runs when it opens) then drops a
     * torn record; {@link #tornRecordsDiscarded()} counts those.
     */
    void crash(DiskFaults faults, SimRandom random) {
        int unsynced = records.size() - durableCount;
        int keptUnsynced = faults.keepUnsyncedPrefix() && unsynced > 0 ? random.nextInt(unsynced + 1) : 0;
        int kept = durableCount + keptUnsynced;
        StoredRecord torn = null;
        if (faults.tornLastRecord() && kept < records.size() && random.chance(0.5)) {
            StoredRecord whole = records.get(kept);
            byte[] half = Arrays.copyOf(whole.payload(), whole.payload().length / 2);
            torn = new StoredRecord(whole.zxid(), half, whole.checksum(), whole.writeSequence());
        }
        records.subList(kept, records.size()).clear();
        if (torn != null) {
            // A real torn write leaves a record whose checksum cannot match; an empty payload halved is still
            // empty, so flip the stored checksum to make the tear visible in that case too.
            records.add(torn.valid()
                    ? new StoredRecord(torn.zxid(), torn.payload(), ~torn.checksum(), torn.writeSequence())
                    : torn);
        }
        recover();
    }

    /** What opening the log does: scan from the start and cut at the first record whose checksum fails. */
    private void recover() {
        int valid = 0;
        while (valid < records.size() && records.get(valid).valid()) {
            valid++;
        }
        if (valid < records.size()) {
            tornDiscardedTotal += records.size() - valid;
            records.subList(valid, records.size()).clear();
        }
        durableCount = records.size();
        long last = lastZxid();
        segmentStarts.tailSet(last, false).clear();
        rollRequested = false;
    }

    /** Torn records recovery has found and discarded over this log's life. */
    public int tornRecordsDiscarded() {
        return tornDiscardedTotal;
    }

    public int size() {
        return records.size();
    }
}
