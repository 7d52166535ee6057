package io.chorus.experiments.run;

/**
 * How one follower is made to lag during a simulated run: the sweep's injected-lag variable. The real-process
 * runs inject none (their lag is whatever the machine gives).
 */
public enum FollowerLag {
    /** Every server healthy. */
    NONE("none"),
    /** One follower behind a slow link: every message to or from it takes longer. */
    SLOW_FOLLOWER("slow-follower"),
    /** One follower cut off from the others for the middle half of the run, then healed. */
    PARTITIONED_HEALED("partitioned-healed");

    private final String label;

    FollowerLag(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
