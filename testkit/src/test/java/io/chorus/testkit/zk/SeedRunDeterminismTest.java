package io.chorus.testkit.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.sim.FaultPreset;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seed replays exactly with the request pipeline and its clients on top of the protocol: the same
 * trace hash and the same number of client operations every time, so a failing seed printed by
 * {@code ./chorus sim} is the same failure when replayed. Different seeds take different paths.
 */
class SeedRunDeterminismTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 4242})
    void theSameSeedGivesTheSameRun(long seed) {
        SeedRun.Settings settings = SeedRun.Settings.defaults().withFaults(FaultPreset.HEAVY);
        SeedRun.Verdict first = ZabEnsembles.run(seed, settings, Set.of());
        SeedRun.Verdict second = ZabEnsembles.run(seed, settings, Set.of());

        assertThat(second.traceHash()).isEqualTo(first.traceHash());
        assertThat(second.operations()).isEqualTo(first.operations());
        assertThat(ZabEnsembles.run(seed + 1, settings, Set.of()).traceHash()).isNotEqualTo(first.traceHash());
    }
}
