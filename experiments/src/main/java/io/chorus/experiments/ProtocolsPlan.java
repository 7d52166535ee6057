package io.chorus.experiments;

import io.chorus.api.ReadConsistency;
import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol comparison: the same workload (LOCAL and SYNC reads, the modes ZooKeeper has too) on Zab and
 * paxos-lite, in the simulator over ensemble sizes and on real processes beside Apache ZooKeeper.
 */
public record ProtocolsPlan(List<String> simProtocols, List<Integer> sizes, List<Integer> readPercents,
        List<ReadConsistency> modes, int clientsPerServer, long simMillis, List<String> realSystems, int realClients,
        long realMillis, long seed) {
    public static ProtocolsPlan of(Scale scale, long seed) {
        List<ReadConsistency> modes = List.of(ReadConsistency.LOCAL, ReadConsistency.SYNC);
        return switch (scale) {
            case TINY -> new ProtocolsPlan(List.of("zab", "paxos-lite"), List.of(3), List.of(90), List.of(
                    ReadConsistency.LOCAL), 2, 1_000, List.of(), 0, 0, seed);
            case QUICK -> new ProtocolsPlan(List.of("zab", "paxos-lite"), List.of(3, 5), List.of(50, 90, 99), modes, 4,
                    2_000, List.of("zab", "paxos-lite", "zookeeper"), 6, 2_000, seed);
            case FULL -> new ProtocolsPlan(List.of("zab", "paxos-lite"), List.of(3, 5, 7), List.of(50, 90, 99), modes, 4,
                    5_000, List.of("zab", "paxos-lite", "zookeeper"), 12, 8_000, seed);
        };
    }

    public ProtocolsPlan withoutReal() {
        return new ProtocolsPlan(simProtocols, sizes, readPercents, modes, clientsPerServer, simMillis, List.of(), 0, 0,
                seed);
    }

    public List<RunSpec> simRuns() {
        List<RunSpec> runs = new ArrayList<>();
        for (int size : sizes) {
            for (int percent : readPercents) {
                for (ReadConsistency mode : modes) {
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
                for (ReadConsistency mode : modes) {
                    runs.add(new RunSpec("real", system, 3, percent, mode, FollowerLag.NONE, realClients, realMillis,
                            seed));
                }
            }
        }
        return runs;
    }
}
