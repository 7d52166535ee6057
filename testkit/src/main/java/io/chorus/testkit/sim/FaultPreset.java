package io.chorus.testkit.sim;

/**
 * How hostile a run is: the base network and disk behaviour, and how often the safety phase injects a fault.
 * A {@link Simulation.Builder} setting overrides the preset's base values one by one.
 */
public enum FaultPreset {
    /** A quiet network and no faults: a protocol's happy path, and a baseline for comparisons. */
    NONE(0, 0.0, 0.0, DelayDistribution.uniform(1, 5), DelayDistribution.uniform(1, 3), DiskFaults.LOSE_UNSYNCED,
            false, 1),
    /** A fault every ~400 ms of the safety phase, a minority crashed at most, 1% loss and duplication. */
    DEFAULT(400, 0.01, 0.01, DelayDistribution.uniform(1, 10), DelayDistribution.uniform(1, 5),
            DiskFaults.KEEP_PREFIX, false, 2),
    /** A fault every ~120 ms, any number of nodes down at once, slow spikes, torn records, 5% loss and duplication. */
    HEAVY(120, 0.05, 0.05, DelayDistribution.longTail(1, 10, 0.02, 200),
            DelayDistribution.longTail(1, 5, 0.05, 50), DiskFaults.TORN, true, 3);

    private final long meanFaultIntervalMillis;
    private final double baseLossRate;
    private final double baseDuplicateRate;
    private final DelayDistribution messageDelay;
    private final DelayDistribution fsyncLatency;
    private final DiskFaults diskFaults;
    private final boolean mayCrashMajority;
    private final int maxPartitionGroups;

    FaultPreset(long meanFaultIntervalMillis, double baseLossRate, double baseDuplicateRate,
            DelayDistribution messageDelay, DelayDistribution fsyncLatency, DiskFaults diskFaults,
            boolean mayCrashMajority, int maxPartitionGroups) {
        this.meanFaultIntervalMillis = meanFaultIntervalMillis;
        this.baseLossRate = baseLossRate;
        this.baseDuplicateRate = baseDuplicateRate;
        this.messageDelay = messageDelay;
        this.fsyncLatency = fsyncLatency;
        this.diskFaults = diskFaults;
        this.mayCrashMajority = mayCrashMajority;
        this.maxPartitionGroups = maxPartitionGroups;
    }

    /** Mean simulated time between two faults of the safety phase; 0 means no faults. */
    public long meanFaultIntervalMillis() {
        return meanFaultIntervalMillis;
    }

    public double baseLossRate() {
        return baseLossRate;
    }

    public double baseDuplicateRate() {
        return baseDuplicateRate;
    }

    public DelayDistribution messageDelay() {
        return messageDelay;
    }

    public DelayDistribution fsyncLatency() {
        return fsyncLatency;
    }

    public DiskFaults diskFaults() {
        return diskFaults;
    }

    /** Whether the safety phase may have a majority down at once (safety must hold even then). */
    public boolean mayCrashMajority() {
        return mayCrashMajority;
    }

    /** Partitions split the nodes into 2..this many groups (1 = no partitions). */
    public int maxPartitionGroups() {
        return maxPartitionGroups;
    }
}
