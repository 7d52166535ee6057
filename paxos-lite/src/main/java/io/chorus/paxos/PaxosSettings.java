package io.chorus.paxos;

import io.chorus.api.spi.LeaderReadMode;

/**
 * paxos-lite's timing and limits, in ticks of {@code tickMillis} as Zab's are.
 *
 * @param tickMillis         the length of a tick; the driver calls {@code tick} about this often, and a leader
 *                           sends a heartbeat every tick
 * @param electionTimeout    ticks without hearing from a leader (or, for a leader, from a majority) before a
 *                           server starts a ballot; each wait adds a random part of up to as much again
 * @param maxCatchUpEntries  a follower that needs more entries than this is sent a snapshot instead
 * @param retainedEntries    chosen entries kept in memory for catch-up (older ones are read back from the log)
 * @param leaderReads        how the leader confirms linearizable reads. With {@link LeaderReadMode#LEASE} a
 *                           follower grants the lease for one election timeout after each heartbeat it answers,
 *                           and promises no other ballot (nor tries its own) before its grants ran out (after a
 *                           restart: one election timeout)
 * @param leaseDriftMillis   LEASE: how much faster one server's clock may run than another's over an election
 *                           timeout; the leader trusts its lease for the timeout minus this
 */
public record PaxosSettings(long tickMillis, int electionTimeout, int maxCatchUpEntries, int retainedEntries,
        LeaderReadMode leaderReads, long leaseDriftMillis) {

    public PaxosSettings {
        if (tickMillis <= 0 || electionTimeout <= 0 || maxCatchUpEntries < 0 || retainedEntries < 0) {
            throw new IllegalArgumentException("bad paxos-lite settings: " + tickMillis + "ms ticks, election timeout "
                    + electionTimeout + " ticks, catch-up " + maxCatchUpEntries + ", retained " + retainedEntries);
        }
        java.util.Objects.requireNonNull(leaderReads, "leaderReads");
        if (leaderReads == LeaderReadMode.LEASE
                && (leaseDriftMillis < 0 || leaseDriftMillis >= electionTimeout * tickMillis)) {
            throw new IllegalArgumentException("a lease needs a clock-drift allowance from 0 to below the election "
                    + "timeout (" + electionTimeout * tickMillis + " ms): " + leaseDriftMillis + " ms");
        }
    }

    /** Settings whose linearizable reads take a quorum round (ReadIndex). */
    public PaxosSettings(long tickMillis, int electionTimeout, int maxCatchUpEntries, int retainedEntries) {
        this(tickMillis, electionTimeout, maxCatchUpEntries, retainedEntries, LeaderReadMode.READ_INDEX, 0);
    }

    /** The same settings with linearizable reads confirmed as {@code mode} says. */
    public PaxosSettings withLeaderReads(LeaderReadMode mode, long driftMillis) {
        return new PaxosSettings(tickMillis, electionTimeout, maxCatchUpEntries, retainedEntries, mode, driftMillis);
    }

    /** The same time scale as {@code ZabSettings.defaults()}: 100 ms ticks, 5 ticks of silence. */
    public static PaxosSettings defaults() {
        return new PaxosSettings(100, 5, 10_000, 10_000);
    }

    long electionTimeoutMillis() {
        return electionTimeout * tickMillis;
    }
}
