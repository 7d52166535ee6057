package io.chorus.testkit.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator is only as good as what it catches: with each planted bug of each protocol switched on, some
 * seed in the first 1,000 must end in a checker violation (or a cluster that stops making progress). Prints the
 * first failing seed, which replays the bug exactly.
 */
class PlantedBugRecallTest {
    static final int SEEDS_MAX = 1_000;

    static Stream<Arguments> plantedBugs() {
        return Arrays.stream(SimulatedProtocol.values())
                .flatMap(protocol -> protocol.plantedBugs().stream().map(bug -> Arguments.of(protocol, bug)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("plantedBugs")
    void theSimulatorFindsThePlantedBugWithinAThousandSeeds(SimulatedProtocol protocol, String bug) {
        SeedRun.Settings settings = SeedRun.Settings.defaults().withFaults(protocol.faultsToFind(bug));
        Long found = null;
        for (long seed = 1; seed <= SEEDS_MAX && found == null; seed++) {
            if (!protocol.run(seed, settings, Set.of(bug)).ok()) {
                found = seed;
            }
        }
        System.out.println(protocol + " bug " + bug + ": " + (found == null ? "not found in " + SEEDS_MAX + " seeds"
                : "found at seed " + found));
        assertThat(found).as("first failing seed with %s", bug).isNotNull();
    }
}
