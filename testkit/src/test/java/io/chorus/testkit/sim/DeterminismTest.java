package io.chorus.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static Simulation busyRun(long seed, FaultPreset faults) {
        Simulation sim = ToyCluster.builder(seed, 3).faults(faults).keepTraceText().build();
        ToyCluster.busyWorkload(sim, 3);
        sim.run(2_000, 3_000);
        return sim;
    }

    @Test
    void aSeedReplaysExactly() {
        for (FaultPreset faults : FaultPreset.values()) {
            Simulation first = busyRun(42, faults);
            Simulation second = busyRun(42, faults);
            List<String> a = first.trace().text();
            List<String> b = second.trace().text();
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                assertThat(b.get(i)).as("%s: trace line %d", faults, i).isEqualTo(a.get(i));
            }
            assertThat(second.trace().count()).isEqualTo(first.trace().count()).isGreaterThan(1_000);
            assertThat(second.traceHash()).isEqualTo(first.traceHash());
            assertThat(second.history().events()).isEqualTo(first.history().events());
        }
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        Set<Long> hashes = new HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            hashes.add(busyRun(seed, FaultPreset.DEFAULT).traceHash());
        }
        assertThat(hashes).hasSize(10);
    }

    @Test
    void theTraceHashSeesEveryKindOfStep() {
        TraceHash a = new TraceHash();
        TraceHash b = new TraceHash();
        a.record(TraceHash.Kind.DELIVER, 5, 1, 2, 3);
        b.record(TraceHash.Kind.DROP, 5, 1, 2, 3);
        assertThat(a.value()).isNotEqualTo(b.value());
        TraceHash c = new TraceHash();
        c.record(TraceHash.Kind.DELIVER, 6, 1, 2, 3);
        assertThat(c.value()).isNotEqualTo(a.value());
        TraceHash d = new TraceHash();
        d.record(TraceHash.Kind.DELIVER, 5, 2, 1, 3);
        assertThat(d.value()).as("order of fields matters").isNotEqualTo(a.value());
    }
}
