package io.chorus.testkit.sim;

import io.chorus.persistence.snapshot.InMemorySnapshotStore;

/**
 * One node's disk: its transaction log, durable metadata and snapshots. It outlives the node's crashes;
 * {@link #crash} applies what a power loss does to it (only the log has volatile state).
 */
public final class SimDisk {
    private final SimTxnLog log = new SimTxnLog();
    private final SimMetadata metadata = new SimMetadata();
    private final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();

    public SimTxnLog log() {
        return log;
    }

    public SimMetadata metadata() {
        return metadata;
    }

    public InMemorySnapshotStore snapshots() {
        return snapshots;
    }

    /** Loses what was not durable, as {@code faults} say, and runs the log's recovery scan. */
    public void crash(DiskFaults faults, SimRandom random) {
        log.crash(faults, random);
    }
}
