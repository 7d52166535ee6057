package io.chorus.experiments;

import io.chorus.api.ReadConsistency;
import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.ReadMode;
import io.chorus.experiments.run.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-mode sweep: every combination of read mode x read percentage x ensemble size x follower lag x
 * protocol in the simulator, and a slice of it on real processes (three servers, no injected lag, Zab, with
 * Apache ZooKeeper beside it where it can serve the mode). The modes are LOCAL, SYNC, LEADER and the
 * LINEARIZABLE ones {@code --linearizable-reads} names (by default both: LINEARIZABLE confirmed by a quorum
 * round, LINEARIZABLE-LEASE by a lease).
 */
public record ReadModesPlan(List<ReadMode> modes, List<Integer> readPercents, List<Integer> sizes,
        List<FollowerLag> lags, List<String> protocols, int clientsPerServer, long simMillis, List<String> realSystems,
        List<Integer> realReadPercents, int realClients, long realMillis, long seed) {

    /** The sweep with both ways of confirming LINEARIZABLE reads. */
    public static ReadModesPlan of(Scale scale, long seed) {
        return of(scale, seed, LinearizableReads.BOTH);
    }

    public static ReadModesPlan of(Scale scale, long seed, LinearizableReads linearizable) {
        List<ReadMode> modes = new ArrayList<>(List.of(ReadMode.LOCAL, ReadMode.SYNC, ReadMode.LEADER));
        modes.addAll(linearizable.modes());
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

    public ReadModesPlan {
        modes = List.copyOf(modes);
    }

    /** The simulated runs, in the order they run. */
    public List<RunSpec> simRuns() {
        List<RunSpec> runs = new ArrayList<>();
        for (String protocol : protocols) {
            for (int size : sizes) {
                for (FollowerLag lag : lags) {
                    for (int percent : readPercents) {
                        for (ReadMode mode : modes) {
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
                for (ReadMode mode : modes) {
                    runs.add(new RunSpec("real", system, 3, percent, mode, FollowerLag.NONE, realClients, realMillis,
                            seed));
                }
            }
        }
        return runs;
    }

    /** The LINEARIZABLE modes of the sweep. */
    public List<ReadMode> linearizableModes() {
        return modes.stream().filter(m -> m.consistency() == ReadConsistency.LINEARIZABLE).toList();
    }

    /** The same sweep in the simulator only. */
    public ReadModesPlan withoutReal() {
        return new ReadModesPlan(modes, readPercents, sizes, lags, protocols, clientsPerServer, simMillis, List.of(),
                List.of(), 0, 0, seed);
    }
}
