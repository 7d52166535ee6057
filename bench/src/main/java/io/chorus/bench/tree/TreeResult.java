package io.chorus.bench.tree;

import io.chorus.bench.process.NewestSnapshot;
import java.util.List;

/**
 * What the tree workload measured on one server.
 *
 * @param nodes                 znodes created (parents not counted)
 * @param createsPerSecond      bulk-create rate of those nodes
 * @param heapBytesEmpty        live heap (object bytes) right after a full GC, before loading
 * @param heapBytesLoaded       live heap (object bytes) right after a full GC, once loaded
 * @param newestSnapshot        the server's newest snapshot after the restart, null if it has none
 * @param newestSnapshotMeasure what {@code newestSnapshot} counts for this server
 * @param snapshotFilesBytes    all of the server's snapshot files after the restart, -1 if none
 * @param snapshotFilesMeasure  which snapshots those files hold for this server
 * @param snapshots             the snapshot files found after the restart, newest first
 * @param restartMillis         from starting the process again to the first served read of the last node
 */
public record TreeResult(
        int nodes,
        double createsPerSecond,
        long heapBytesEmpty,
        long heapBytesLoaded,
        NewestSnapshot newestSnapshot,
        String newestSnapshotMeasure,
        long snapshotFilesBytes,
        String snapshotFilesMeasure,
        List<SnapshotFile> snapshots,
        long restartMillis) {

    public TreeResult {
        snapshots = List.copyOf(snapshots);
    }

    /** A snapshot file's name relative to the data directory, and its size. */
    public record SnapshotFile(String name, long bytes) {
        @Override
        public String toString() {
            return String.format("%s (%,d bytes)", name, bytes);
        }
    }

    /** The newest snapshot's bytes, -1 when there is none. */
    public long newestSnapshotBytes() {
        return newestSnapshot == null ? -1 : newestSnapshot.bytes();
    }

    /** The newest snapshot's bytes per transaction it covers (see {@link NewestSnapshot#bytesPerTxn()}), -1 if none. */
    public double newestSnapshotBytesPerTxn() {
        return newestSnapshot == null ? -1 : newestSnapshot.bytesPerTxn();
    }

    /** The newest {@code limit} snapshot files, and how many more there are. */
    public String describeSnapshots(int limit) {
        if (snapshots.isEmpty()) {
            return "none";
        }
        String shown = String.join(", ", snapshots.stream().limit(limit).map(SnapshotFile::toString).toList());
        return snapshots.size() <= limit ? shown : shown + " and " + (snapshots.size() - limit) + " older";
    }

    /** Heap the loaded nodes hold, per node; may be slightly off for tiny N, where GC noise dominates. */
    public double heapBytesPerNode() {
        return (heapBytesLoaded - heapBytesEmpty) / (double) nodes;
    }
}
