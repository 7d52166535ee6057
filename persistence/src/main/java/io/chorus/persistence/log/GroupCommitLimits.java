package io.chorus.persistence.log;

/**
 * Bounds of a {@link GroupCommitter}.
 *
 * @param batchEntriesMax     most entries made durable by one sync
 * @param batchBytesMax       most payload bytes made durable by one sync (a single larger entry still goes alone)
 * @param batchDelayMicrosMax how long a group that is not full may wait for more entries before its sync;
 *                            0 means never wait: a group is whatever queued up during the previous sync
 * @param queueEntriesMax     most entries waiting for the committer (not counting the group being written);
 *                            {@link GroupCommitter#submit} refuses entries beyond it
 */
public record GroupCommitLimits(int batchEntriesMax, int batchBytesMax, long batchDelayMicrosMax, int queueEntriesMax) {
    /** As ZooKeeper's SyncRequestProcessor: at most 1000 txns per flush. */
    public static final int BATCH_ENTRIES_MAX_DEFAULT = 1000;
    public static final int BATCH_BYTES_MAX_DEFAULT = 8 << 20;
    public static final long BATCH_DELAY_MICROS_MAX_DEFAULT = 0;
    public static final int QUEUE_ENTRIES_MAX_DEFAULT = 10_000;

    public GroupCommitLimits {
        if (batchEntriesMax < 1 || batchBytesMax < 1 || batchDelayMicrosMax < 0 || queueEntriesMax < 1) {
            throw new IllegalArgumentException("group commit limits must be positive (delay may be 0): "
                    + batchEntriesMax + " entries, " + batchBytesMax + " bytes, " + batchDelayMicrosMax
                    + " us, queue " + queueEntriesMax);
        }
    }

    public static GroupCommitLimits defaults() {
        return new GroupCommitLimits(BATCH_ENTRIES_MAX_DEFAULT, BATCH_BYTES_MAX_DEFAULT, BATCH_DELAY_MICROS_MAX_DEFAULT,
                QUEUE_ENTRIES_MAX_DEFAULT);
    }
}
