package io.chorus.experiments.run;

import io.chorus.api.spi.LeaderReadMode;
import java.util.Locale;

/**
 * One run of the read-mode workload: where it runs ({@code sim} or {@code real}), on what (protocol, ensemble
 * size, or {@code zookeeper} as the reference), with what mix and read mode, under which injected lag, for how
 * long, from which seed.
 *
 * @param variant        "sim" (the deterministic simulator) or "real" (server processes on loopback)
 * @param system         "zab", "paxos-lite" or "zookeeper" (real only)
 * @param ensembleSize   servers
 * @param readPercent    reads per hundred operations
 * @param mode           the read mode every read asks for; it also says how the ensemble confirms LINEARIZABLE
 *                       reads ({@link #leaderReads}). A failover run mixes every mode and names here the
 *                       LINEARIZABLE mode it runs (LOCAL for ZooKeeper, which has none)
 * @param lag            the follower lag injected
 * @param clients        closed-loop clients, spread over the servers
 * @param durationMillis the measured window (after the keys exist and a leader serves)
 * @param seed           the simulator's seed, or the workload's random seed for real runs
 */
public record RunSpec(String variant, String system, int ensembleSize, int readPercent, ReadMode mode,
        FollowerLag lag, int clients, long durationMillis, long seed) {

    /**
     * A short unique name, used as the run's id in CSVs; the mode is spelt as its label, so a run whose leader
     * confirms LINEARIZABLE reads by a lease says "linearizable-lease".
     */
    public String id() {
        return String.format(Locale.ROOT, "%s-%s-n%d-r%d-%s-%s-s%d", variant, system, ensembleSize, readPercent,
                mode.label().toLowerCase(Locale.ROOT), lag.label(), seed);
    }

    /** How the ensemble of this run confirms LINEARIZABLE reads (its servers' {@code linearizableReads}). */
    public LeaderReadMode leaderReads() {
        return mode.leaderReads();
    }

    /** Whether the system runs Chorus's servers, which have the {@code linearizableReads} setting. */
    public boolean chorus() {
        return !system.equals("zookeeper");
    }

    /** The ensemble's {@code linearizableReads}, as its configuration spells it; empty for ZooKeeper. */
    public String linearizableReadsSetting() {
        return chorus() ? ReadMode.configValue(leaderReads()) : "";
    }

    public RunSpec withMode(ReadMode other) {
        return new RunSpec(variant, system, ensembleSize, readPercent, other, lag, clients, durationMillis, seed);
    }
}
