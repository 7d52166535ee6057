package io.chorus.experiments;

import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.ReadMode;
import io.chorus.experiments.run.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol comparison: the same workload (LOCAL and SYNC reads, the modes ZooKeeper has too) on Zab and
 * paxos-lite, in the simulator over ensemble sizes and on real processes beside Apache ZooKeeper; with
 * {@code --linearizable-reads}, the LINEARIZABLE modes it names as well (Zab against paxos-lite: ZooKeeper has none).
 */
public record ProtocolsPlan(List<String> simProtocols, List<Integer> sizes, List<Integer> readPercents,
        List<ReadMode> modes, int clientsPerServer, long simMillis, List<String> realSystems, int realClients,
        long realMillis, long seed) {
    /** LOCAL and SYNC reads only. */
    public static ProtocolsPlan of(Scale scale, long seed) {
        return of(scale, seed, null);
    }

    /** LOCAL and SYNC reads, and the LINEARIZABLE modes of {@code linearizable} unless it is null. */
    public static ProtocolsPlan of(Scale scale, long seed, LinearizableReads linearizable) {
        List<ReadMode> extra = linearizable == null ? List.of() : linearizable.modes();
        List<ReadMode> modes = new ArrayList<>(List.of(ReadMode.LOCAL, ReadMode.SYNC));
        modes.addAll(extra);
        List<ReadMode> tinyModes = new ArrayList<>(List.of(ReadMode.LOCAL));
        tinyModes.addAll(extra);
        return switch (scale) {
            case TINY -> new ProtocolsPlan(List.of("zab", "paxos-lite"), List.of(3), List.of(90), tinyModes, 2, 1_000,
                    List.of(), 0, 0, seed);
            case QUICK -> new ProtocolsPlan(List.of("zab", "paxos-lite"), List.of(3, 5), List.of(50, 90, 99), modes, 4,
                    2_000, List.of("zab", "paxos-lite", "zookeeper"), 6, 2_000, seed);
            case FULL -> new ProtocolsPlan(List.of("zab", "paxos-lite"), List.of(3, 5, 7), List.of(50, 90, 99), modes, 4,
                    5_000, List.of("zab", "paxos-lite", "zookeeper"), 12, 8_000, seed);
        };
    }

    public ProtocolsPlan {
        modes = List.copyOf(modes);
    }

    public ProtocolsPlan withoutReal() {
        return new ProtocolsPlan(simProtocols, sizes, readPercents, modes, clientsPerServer, simMillis, List.of(), 0, 0,
                seed);
    }

    public List<RunSpec> simRuns() {
        List<RunSpec> runs = new ArrayList<>();
        for (int size : sizes) {
            for (int percent : readPercents) {
                for (ReadMode mode : modes) {
                    for (String protocol : simProtocols) {
                        runs.add(new RunSpec("sim", protocol, size, percent, mode, FollowerLag.NONE,
                                clientsPerServer * size, simMillis, seed));
                    }
                }
            }
        }
        return runs;
    }

    public List<RunSpec> realRuns() {
        List<RunSpec> runs = new ArrayList<>();
        for (String system : realSystems) {
            for (int percent : readPercents) {
                for (ReadMode mode : modes) {
                    runs.add(new RunSpec("real", system, 3, percent, mode, FollowerLag.NONE, realClients, realMillis,
                            seed));
                }
            }
        }
        return runs;
    }
}
