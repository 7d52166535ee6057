package io.chorus.paxos;

/**
 * paxos-lite's timing and limits, in ticks of {@code tickMillis} as Zab's are.
 *
 * @param tickMillis         the length of a tick; the driver calls {@code tick} about this often, and a leader
 *                           sends a heartbeat every tick
 * @param electionTimeout    ticks without hearing from a leader (or, for a leader, from a majority) before a
 *                           server starts a ballot; each wait adds a random part of up to as much again
 * @param maxCatchUpEntries  a follower that needs more entries than this is sent a snapshot instead
 * @param retainedEntries    chosen entries kept in memory for catch-up (older ones are read back from the log)
 */
public record PaxosSettings(long tickMillis, int electionTimeout, int maxCatchUpEntries, int retainedEntries) {

    public PaxosSettings {
        if (tickMillis <= 0 || electionTimeout <= 0 || maxCatchUpEntries < 0 || retainedEntries < 0) {
            throw new IllegalArgumentException("bad paxos-lite settings: " + tickMillis + "ms ticks, election timeout "
                    + electionTimeout + " ticks, catch-up " + maxCatchUpEntries + ", retained " + retainedEntries);
        }
    }

    /** The same time scale as {@code ZabSettings.defaults()}: 100 ms ticks, 5 ticks of silence. */
    public static PaxosSettings defaults() {
        return new PaxosSettings(100, 5, 10_000, 10_000);
    }

    long electionTimeoutMillis() {
        return electionTimeout * tickMillis;
    }
}
