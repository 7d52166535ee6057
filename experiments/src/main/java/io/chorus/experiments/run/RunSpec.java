package io.chorus.experiments.run;

import io.chorus.api.ReadConsistency;
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
 * @param mode           the consistency every read asks for
 * @param lag            the follower lag injected
 * @param clients        closed-loop clients, spread over the servers
 * @param durationMillis the measured window (after the keys exist and a leader serves)
 * @param seed           the simulator's seed, or the workload's random seed for real runs
 */
public record RunSpec(String variant, String system, int ensembleSize, int readPercent, ReadConsistency mode,
        FollowerLag lag, int clients, long durationMillis, long seed) {

    /** A short unique name, used as the run's id in CSVs. */
    public String id() {
        return String.format(Locale.ROOT, "%s-%s-n%d-r%d-%s-%s-s%d", variant, system, ensembleSize, readPercent,
                mode.name().toLowerCase(Locale.ROOT), lag.label(), seed);
    }

    public RunSpec withMode(ReadConsistency other) {
        return new RunSpec(variant, system, ensembleSize, readPercent, other, lag, clients, durationMillis, seed);
    }
}
