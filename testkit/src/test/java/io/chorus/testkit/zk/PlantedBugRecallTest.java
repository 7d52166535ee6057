package io.chorus.testkit.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.sim.FaultPreset;
import io.chorus.zab.PlantedFault;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The simulator is only as good as what it catches: with each planted Zab bug switched on, some seed in
 * the first 1,000 must end in a checker violation (or a cluster that stops making progress). Prints the
 * first failing seed, which replays the bug exactly.
 */
class PlantedBugRecallTest {
    static final int SEEDS_MAX = 1_000;

    @ParameterizedTest
    @EnumSource(PlantedFault.class)
    void theSimulatorFindsThePlantedBugWithinAThousandSeeds(PlantedFault bug) {
        SeedRun.Settings settings = SeedRun.Settings.defaults().withFaults(FaultPreset.DEFAULT);
        Long found = null;
        for (long seed = 1; seed <= SEEDS_MAX && found == null; seed++) {
            if (!ZabEnsembles.run(seed, settings, Set.of(bug)).ok()) {
                found = seed;
            }
        }
        System.out.println("bug " + bug + ": " + (found == null ? "not found in " + SEEDS_MAX + " seeds"
                : "found at seed " + found));
        assertThat(found).as("first failing seed with %s", bug).isNotNull();
    }
}
