package io.chorus.testkit.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.sim.FaultPreset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each protocol over the real data tree, with busy clients and the fault presets, seed after seed (520 each, 10
 * simulated seconds of faults each): every checker passes and the cluster makes progress once healed. A
 * failing seed is printed with its counterexample; keep it as a named regression test once fixed.
 */
class EnsembleSeedsTest {
    @ParameterizedTest(name = "{0}: {1} nodes, {2} faults, seeds {3}..{4}")
    @CsvSource({"zab, 3, DEFAULT, 1, 300", "zab, 5, DEFAULT, 1001, 1120", "zab, 3, HEAVY, 2001, 2060",
            "zab, 5, HEAVY, 4001, 4030", "zab, 3, NONE, 3001, 3010",
            "paxos-lite, 3, DEFAULT, 1, 300", "paxos-lite, 5, DEFAULT, 1001, 1120", "paxos-lite, 3, HEAVY, 2001, 2060",
            "paxos-lite, 5, HEAVY, 4001, 4030", "paxos-lite, 3, NONE, 3001, 3010"})
    void everySeedPassesEveryChecker(String protocolName, int nodes, FaultPreset faults, long firstSeed,
            long lastSeed) {
        SimulatedProtocol protocol = SimulatedProtocol.named(protocolName);
        SeedRun.Settings settings = SeedRun.Settings.defaults().withNodes(nodes).withFaults(faults);
        List<String> failures = new ArrayList<>();
        int operations = 0;
        for (long seed = firstSeed; seed <= lastSeed; seed++) {
            SeedRun.Verdict verdict = protocol.run(seed, settings, Set.of());
            operations += verdict.operations();
            if (!verdict.ok()) {
                failures.add("seed " + seed + ":\n" + verdict.describe());
            }
        }
        assertThat(failures).as("failing seeds").isEmpty();
        // heavy faults keep clients waiting out timeouts for much of a run, but every run must have clients at work
        assertThat(operations).as("client operations recorded").isGreaterThan((int) (lastSeed - firstSeed + 1) * 20);
    }
}
