package io.chorus.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The simulator's teeth: a bug planted in the toy protocol (the leader commits before its own fsync) loses a
 * committed entry when the leader crashes in that window, and seeded runs find it; the same seed without
 * the bug is clean.
 */
class PlantedBugTest {
    private static final int SEEDS_MAX = 300;

    private static Optional<String> violation(long seed, boolean plantedBug) {
        Simulation sim = ToyCluster.builder(seed, 3, plantedBug).faults(FaultPreset.DEFAULT)
                .fsyncLatency(DelayDistribution.longTail(1, 5, 0.1, 100)).build();
        Runnable stop = ToyCluster.busyWorkload(sim, 5);
        Simulation.Outcome outcome = sim.run(5_000, 5_000);
        stop.run();
        sim.runFor(1_000);
        if (!outcome.liveness().progressed()) {
            return Optional.of("no progress, lagging " + outcome.liveness().laggingNodes());
        }
        return ToyCluster.firstCommittedEntryMissingSomewhere(sim);
    }

    @Test
    void committingBeforeTheLeadersFsyncIsCaughtWithinAFewHundredSeeds() {
        long found = -1;
        for (long seed = 0; seed < SEEDS_MAX && found < 0; seed++) {
            Optional<String> v = violation(seed, true);
            if (v.isPresent()) {
                found = seed;
                System.out.println("planted bug found at seed " + seed + ": " + v.get());
            }
        }
        assertThat(found).as("found within %d seeds", SEEDS_MAX).isNotNegative();
        assertThat(violation(found, false)).as("the same seed without the bug").isEmpty();
    }
}
