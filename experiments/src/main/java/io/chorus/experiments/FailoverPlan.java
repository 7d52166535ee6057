package io.chorus.experiments;

import java.util.List;

/**
 * The failover experiment: every read mode side by side (client i reads in mode i mod 4), 90 % reads, the leader
 * crashed (simulator) or killed with SIGKILL (processes) a quarter into the window and restarted at three
 * quarters.
 */
public record FailoverPlan(List<String> simProtocols, int simClients, long simMillis, List<String> realSystems,
        int realClients, long realMillis, long seed) {
    public static FailoverPlan of(Scale scale, long seed) {
        return switch (scale) {
            case TINY -> new FailoverPlan(List.of("zab"), 8, 2_000, List.of(), 0, 0, seed);
            case QUICK -> new FailoverPlan(List.of("zab", "paxos-lite"), 12, 4_000, List.of("zab"), 8, 8_000, seed);
            case FULL -> new FailoverPlan(List.of("zab", "paxos-lite"), 16, 8_000,
                    List.of("zab", "paxos-lite", "zookeeper"), 12, 16_000, seed);
        };
    }

    public FailoverPlan withoutReal() {
        return new FailoverPlan(simProtocols, simClients, simMillis, List.of(), 0, 0, seed);
    }

    public int runs() {
        return simProtocols.size() + realSystems.size();
    }
}
