package io.chorus.experiments;

import io.chorus.api.ReadConsistency;
import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-mode sweep: every combination of read mode x read percentage x ensemble size x follower lag x
 * protocol in the simulator, and a slice of it on real processes (three servers, no injected lag, Zab, with
 * Apache ZooKeeper beside it where it can serve the mode).
 */
public record ReadModesPlan(List<ReadConsistency> modes, List<Integer> readPercents, List<Integer> sizes,
        List<FollowerLag> lags, List<String> protocols, int clientsPerServer, long simMillis, List<String> realSystems,
        List<Integer> realReadPercents, int realClients, long realMillis, long seed) {

    public static ReadModesPlan of(Scale scale, long seed) {
        List<ReadConsistency> modes = List.of(ReadConsistency.values());
        return switch (scale) {
            case TINY -> new ReadModesPlan(modes, List.of(90), List.of(3),
                    List.of(FollowerLag.NONE, FollowerLag.PARTITIONED_HEALED), List.of("zab"), 2, 1_000,
                    List.of(), List.of(), 0, 0, seed);
            case QUICK -> new ReadModesPlan(modes, List.of(50, 90, 99), List.of(3, 5), List.of(FollowerLag.values()),
                    List.of("zab", "paxos-lite"), 4, 2_000, List.of("zab"), List.of(50, 90, 99), 6, 3_000, seed);
            case FULL -> new ReadModesPlan(modes, List.of(50, 90, 99), List.of(3, 5, 7), List.of(FollowerLag.values()),
                    List.of("zab", "paxos-lite"), 4, 5_000, List.of("zab", "paxos-lite", "zookeeper"),
                    List.of(50, 90, 99), 12, 8_000, seed);
        };
    }

    /** The simulated runs, in the order they run. */
    public List<RunSpec> simRuns() {
        List<RunSpec> runs = new ArrayList<>();
        for (String protocol : protocols) {
            for (int size : sizes) {
                for (FollowerLag lag : lags) {
                    for (int percent : readPercents) {
                        for (ReadConsistency mode : modes) {
                            runs.add(new RunSpec("sim", protocol, size, percent, mode, lag, clientsPerServer * size,
                                    simMillis, seed));
                        }
                    }
                }
            }
        }
        return runs;
    }

    /** The real-process runs: three servers, no injected lag. */
    public List<RunSpec> realRuns() {
        List<RunSpec> runs = new ArrayList<>();
        for (String system : realSystems) {
            for (int percent : realReadPercents) {
                for (ReadConsistency mode : modes) {
                    runs.add(new RunSpec("real", system, 3, percent, mode, FollowerLag.NONE, realClients, realMillis,
                            seed));
                }
            }
        }
        return runs;
    }

    /** The same sweep in the simulator only. */
    public ReadModesPlan withoutReal() {
        return new ReadModesPlan(modes, readPercents, sizes, lags, protocols, clientsPerServer, simMillis, List.of(),
                List.of(), 0, 0, seed);
    }
}
