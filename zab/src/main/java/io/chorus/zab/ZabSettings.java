package io.chorus.zab;

import io.chorus.api.spi.LeaderReadMode;

/**
 * Zab's timing and limits. Times are in ticks of {@code tickMillis}, as in ZooKeeper's configuration.
 *
 * @param tickMillis        the length of a tick; the driver calls {@code tick} about this often
 * @param initLimit         ticks a leader or follower may spend in discovery and synchronisation
 * @param syncLimit         ticks of silence after which a leader (from its quorum) or a follower (from its
 *                          leader) gives up
 * @param finalizeWaitMillis how long an election waits for a better vote once a quorum agrees on one (ZooKeeper's
 *                           finalizeWait, 200 ms)
 * @param maxDiffEntries    a follower that would need more entries than this gets a snapshot instead
 * @param retainedEntries   entries kept in memory for DIFF once durable and delivered (older ones are read
 *                          back from the log)
 * @param leaderReads       how the leader confirms linearizable reads. With {@link LeaderReadMode#LEASE} a
 *                          follower grants the lease for syncLimit after each heartbeat it answers, and a server
 *                          helps establish no new leader before its grants ran out (after a restart: syncLimit)
 * @param leaseDriftMillis  LEASE: how much faster one server's clock may run than another's over syncLimit;
 *                          the leader trusts its lease for syncLimit minus this
 */
public record ZabSettings(long tickMillis, int initLimit, int syncLimit, long finalizeWaitMillis, int maxDiffEntries,
        int retainedEntries, LeaderReadMode leaderReads, long leaseDriftMillis) {

    /** Settings whose linearizable reads take a quorum round (ReadIndex). */
    public ZabSettings(long tickMillis, int initLimit, int syncLimit, long finalizeWaitMillis, int maxDiffEntries,
            int retainedEntries) {
        this(tickMillis, initLimit, syncLimit, finalizeWaitMillis, maxDiffEntries, retainedEntries,
                LeaderReadMode.READ_INDEX, 0);
    }

    public ZabSettings {
        if (tickMillis <= 0 || initLimit <= 0 || syncLimit <= 0 || finalizeWaitMillis < 0 || maxDiffEntries < 0
                || retainedEntries < 0) {
            throw new IllegalArgumentException("bad Zab settings: " + tickMillis + "ms ticks, initLimit " + initLimit
                    + ", syncLimit " + syncLimit + ", finalizeWait " + finalizeWaitMillis + "ms" + ", maxDiff "
                    + maxDiffEntries + ", retained " + retainedEntries);
        }
        java.util.Objects.requireNonNull(leaderReads, "leaderReads");
        if (leaderReads == LeaderReadMode.LEASE
                && (leaseDriftMillis < 0 || leaseDriftMillis >= syncLimit * tickMillis)) {
            throw new IllegalArgumentException("a lease needs a clock-drift allowance from 0 to below syncLimit ("
                    + syncLimit * tickMillis + " ms): " + leaseDriftMillis + " ms");
        }
    }

    /** The same settings with linearizable reads confirmed as {@code mode} says. */
    public ZabSettings withLeaderReads(LeaderReadMode mode, long driftMillis) {
        return new ZabSettings(tickMillis, initLimit, syncLimit, finalizeWaitMillis, maxDiffEntries, retainedEntries,
                mode, driftMillis);
    }

    /** ZooKeeper's usual values: 2 s ticks would be slow for tests, so ticks are 100 ms here. */
    public static ZabSettings defaults() {
        return new ZabSettings(100, 10, 5, 200, 10_000, 10_000);
    }

    long initLimitMillis() {
        return initLimit * tickMillis;
    }

    long syncLimitMillis() {
        return syncLimit * tickMillis;
    }
}
