package io.chorus.testkit.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.testkit.check.StaleReadChecker;
import io.chorus.testkit.sim.FaultPreset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Clients whose reads ask for every consistency at random, over each protocol with linearizable reads confirmed
 * each way, seed after seed under the fault presets: every checker passes (linearizability covers the
 * LINEARIZABLE and LEADER reads, and none of them is stale), and reads of every consistency are served. How many
 * LOCAL and SYNC reads were stale is what the experiments measure; here it is only printed.
 */
class ReadConsistencySeedsTest {
    /** Reads of each consistency served over a row's seeds, at least: the mix must reach every path. */
    private static final int READS_PER_CONSISTENCY_MIN = 100;

    @ParameterizedTest(name = "{0}, {1}: {2} nodes, {3} faults, seeds {4}..{5}")
    @CsvSource({"zab, READ_INDEX, 3, DEFAULT, 1, 100", "zab, LEASE, 3, DEFAULT, 101, 200",
            "zab, READ_INDEX, 5, HEAVY, 201, 240", "zab, LEASE, 5, HEAVY, 241, 280",
            "paxos-lite, READ_INDEX, 3, DEFAULT, 1, 100", "paxos-lite, LEASE, 3, DEFAULT, 101, 200",
            "paxos-lite, READ_INDEX, 5, HEAVY, 201, 240", "paxos-lite, LEASE, 5, HEAVY, 241, 280"})
    void linearizableAndLeaderReadsAreNeverStaleAndEveryConsistencyIsServed(String protocolName, LeaderReadMode mode,
            int nodes, FaultPreset faults, long firstSeed, long lastSeed) {
        SimulatedProtocol protocol = SimulatedProtocol.named(protocolName);
        SeedRun.Settings settings = SeedRun.Settings.defaults().withNodes(nodes).withFaults(faults)
                .withMixedReads(mode);
        List<String> failures = new ArrayList<>();
        Map<ReadConsistency, int[]> reads = new EnumMap<>(ReadConsistency.class);
        for (long seed = firstSeed; seed <= lastSeed; seed++) {
            SeedRun.Verdict verdict = protocol.run(seed, settings, Set.of());
            if (!verdict.ok()) {
                failures.add("seed " + seed + ":\n" + verdict.describe());
            }
            for (Map.Entry<ReadConsistency, StaleReadChecker.Counts> e : verdict.reads().entrySet()) {
                int[] sum = reads.computeIfAbsent(e.getKey(), c -> new int[2]);
                sum[0] += e.getValue().reads();
                sum[1] += e.getValue().stale();
            }
        }
        assertThat(failures).as("failing seeds").isEmpty();
        reads.forEach((c, n) -> System.out.printf("%s %s %d nodes %s: %s reads stale %d of %d%n", protocolName, mode,
                nodes, faults, c, n[1], n[0]));
        for (ReadConsistency c : ReadConsistency.values()) {
            assertThat(reads.getOrDefault(c, new int[2])[0]).as("%s reads served", c)
                    .isGreaterThanOrEqualTo(nodes == 3 ? READS_PER_CONSISTENCY_MIN : READS_PER_CONSISTENCY_MIN / 4);
        }
        assertThat(reads.get(ReadConsistency.LINEARIZABLE)[1]).as("stale LINEARIZABLE reads").isZero();
        assertThat(reads.get(ReadConsistency.LEADER)[1]).as("stale LEADER reads").isZero();
    }
}
