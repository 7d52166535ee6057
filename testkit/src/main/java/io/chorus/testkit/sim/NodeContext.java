package io.chorus.testkit.sim;

import io.chorus.api.spi.Clock;
import io.chorus.api.spi.DurableMetadata;
import io.chorus.api.spi.RandomSource;
import io.chorus.api.spi.SnapshotStore;
import io.chorus.api.spi.StateSnapshots;
import io.chorus.api.spi.TxnLog;
import java.util.List;

/**
 * What a protocol instance is built from, one per node incarnation. The log is the node's surviving log,
 * for reading its history at start (and for DIFF/TRUNC decisions); the protocol must not append to it or
 * sync it itself: the driver persists {@code Ready.toPersist} and reports durability with
 * {@code persisted}. Metadata puts are durable on return. The random source is this incarnation's own
 * seeded stream; the clock is virtual. {@code stateSnapshots} captures the node's applied state (for SNAP);
 * a protocol may call it only from within its own inputs (on the simulator's thread).
 *
 * @param serverId this node's id
 * @param ensemble every node's id, ascending (including this one)
 * @param tickMillis how often {@code tick} is called, in simulated milliseconds
 */
public record NodeContext(
        int serverId,
        List<Integer> ensemble,
        TxnLog log,
        DurableMetadata metadata,
        SnapshotStore snapshots,
        Clock clock,
        RandomSource random,
        StateSnapshots stateSnapshots,
        long tickMillis) {

    public NodeContext {
        ensemble = List.copyOf(ensemble);
    }

    /**
     * The log holds every entry after this zxid: 0 unless a snapshot was installed (the log is purged up to
     * the newest snapshot then), else that snapshot's zxid. What Zab's {@code LogHistory.coversAfter} wants.
     */
    public long logCoversAfter() {
        try {
            List<Long> stored = snapshots.list();
            return stored.isEmpty() ? 0 : stored.get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
