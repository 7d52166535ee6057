package io.chorus.experiments;

import io.chorus.api.spi.LeaderReadMode;
import io.chorus.experiments.run.RealEnsemble;
import java.util.List;

/**
 * The failover experiment: every read mode side by side (client i reads in mode i mod 4: LOCAL, SYNC, LEADER and
 * the run's LINEARIZABLE mode), 90 % reads, the leader crashed (simulator) or killed with SIGKILL (processes) a
 * quarter into the window and restarted at three quarters. Each Chorus ensemble runs once per way of confirming
 * LINEARIZABLE reads in {@code leaderReads} (ZooKeeper, which has neither, once).
 *
 * @param leaderReads how the Chorus ensembles confirm LINEARIZABLE reads: one run each, ReadIndex first
 * @param realMillis  the window of a real run with ReadIndex; a real run with a lease lasts at least
 *                    {@link #REAL_LEASE_MILLIS_MIN}, so that the survivors' promises run out inside it
 */
public record FailoverPlan(List<String> simProtocols, int simClients, long simMillis, List<String> realSystems,
        int realClients, long realMillis, List<LeaderReadMode> leaderReads, long seed) {
    /**
     * A window in which the real processes' promises (syncLimit x tickTime, 10 s) run out well inside: the leader
     * is killed at a quarter, the promises run out before half way, and the killed server is restarted at three
     * quarters, two seconds after they did, so that the timeline tells the end of the lease from the restart.
     */
    public static final long REAL_LEASE_MILLIS_MIN = 2 * (RealEnsemble.leaseMillis() + 2_000);

    /** Both ways of confirming LINEARIZABLE reads. */
    public static FailoverPlan of(Scale scale, long seed) {
        return of(scale, seed, LinearizableReads.BOTH);
    }

    public static FailoverPlan of(Scale scale, long seed, LinearizableReads linearizable) {
        List<LeaderReadMode> reads = linearizable.leaderReads();
        return switch (scale) {
            case TINY -> new FailoverPlan(List.of("zab"), 8, 2_000, List.of(), 0, 0, reads, seed);
            case QUICK -> new FailoverPlan(List.of("zab", "paxos-lite"), 12, 4_000, List.of("zab"), 8, 8_000, reads,
                    seed);
            case FULL -> new FailoverPlan(List.of("zab", "paxos-lite"), 16, 8_000,
                    List.of("zab", "paxos-lite", "zookeeper"), 12, 16_000, reads, seed);
        };
    }

    public FailoverPlan {
        leaderReads = List.copyOf(leaderReads);
        if (leaderReads.isEmpty()) {
            throw new IllegalArgumentException("a failover plan needs a way of confirming LINEARIZABLE reads");
        }
    }

    public FailoverPlan withoutReal() {
        return new FailoverPlan(simProtocols, simClients, simMillis, List.of(), 0, 0, leaderReads, seed);
    }

    /** The window of a real run whose ensemble confirms LINEARIZABLE reads as {@code reads} says. */
    public long realMillis(LeaderReadMode reads) {
        return reads == LeaderReadMode.LEASE ? Math.max(realMillis, REAL_LEASE_MILLIS_MIN) : realMillis;
    }

    public int runs() {
        int chorus = (int) realSystems.stream().filter(s -> !s.equals("zookeeper")).count();
        return (simProtocols.size() + chorus) * leaderReads.size() + realSystems.size() - chorus;
    }
}
