package io.chorus.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
    private static final List<Integer> NODES = List.of(1, 2, 3, 4, 5);

    @Test
    void aSeedNamesItsSchedule() {
        FaultSchedule a = FaultSchedule.generate(FaultPreset.DEFAULT, NODES, 0, 10_000, new SimRandom(9));
        FaultSchedule b = FaultSchedule.generate(FaultPreset.DEFAULT, NODES, 0, 10_000, new SimRandom(9));
        FaultSchedule c = FaultSchedule.generate(FaultPreset.DEFAULT, NODES, 0, 10_000, new SimRandom(10));
        assertThat(b.faults()).isEqualTo(a.faults());
        assertThat(c.faults()).isNotEqualTo(a.faults());
    }

    @Test
    void noneOnlyHeals() {
        FaultSchedule none = FaultSchedule.generate(FaultPreset.NONE, NODES, 0, 10_000, new SimRandom(1));
        assertThat(none.faults()).containsExactly(new Fault.HealAll(10_000));
    }

    @Test
    void faultsFallInTheSafetyPhaseInOrderAndEndWithTheHeal() {
        for (FaultPreset preset : List.of(FaultPreset.DEFAULT, FaultPreset.HEAVY)) {
            FaultSchedule schedule = FaultSchedule.generate(preset, NODES, 500, 10_000, new SimRandom(3));
            List<Fault> faults = schedule.faults();
            assertThat(faults.size()).isGreaterThan(10);
            assertThat(faults).isSortedAccordingTo((x, y) -> Long.compare(x.atMillis(), y.atMillis()));
            assertThat(faults.get(faults.size() - 1)).isEqualTo(new Fault.HealAll(10_000));
            assertThat(faults).allSatisfy(f -> assertThat(f.atMillis()).isBetween(500L, 10_000L));
        }
    }

    @Test
    void overManySeedsEveryKindOfFaultHappens() {
        Set<Class<?>> kinds = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            for (Fault f : FaultSchedule.generate(FaultPreset.HEAVY, NODES, 0, 10_000, new SimRandom(seed)).faults()) {
                kinds.add(f.getClass());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(Fault.Partition.class, Fault.OneWayCut.class, Fault.Heal.class,
                Fault.Crash.class, Fault.Restart.class, Fault.Pause.class, Fault.NetworkRates.class,
                Fault.HealAll.class);
    }

    @Test
    void theDefaultPresetNeverHasAMajorityDownButHeavyDoes() {
        boolean heavyDownedAMajority = false;
        for (long seed = 0; seed < 50; seed++) {
            assertThat(maxDownAtOnce(FaultPreset.DEFAULT, seed)).isLessThanOrEqualTo(2);
            heavyDownedAMajority |= maxDownAtOnce(FaultPreset.HEAVY, seed) >= 3;
        }
        assertThat(heavyDownedAMajority).isTrue();
    }

    private static int maxDownAtOnce(FaultPreset preset, long seed) {
        TreeMap<Integer, Boolean> down = new TreeMap<>();
        int max = 0;
        for (Fault f : FaultSchedule.generate(preset, NODES, 0, 10_000, new SimRandom(seed)).faults()) {
            if (f instanceof Fault.Crash c) {
                down.put(c.node(), true);
            } else if (f instanceof Fault.Restart r) {
                down.remove(r.node());
            }
            max = Math.max(max, down.size());
        }
        return max;
    }

    @Test
    void aPartitionNeverPutsANodeInTwoGroups() {
        for (long seed = 0; seed < 20; seed++) {
            for (Fault f : FaultSchedule.generate(FaultPreset.HEAVY, NODES, 0, 10_000, new SimRandom(seed)).faults()) {
                if (f instanceof Fault.Partition p) {
                    List<Integer> all = p.groups().stream().flatMap(List::stream).sorted().toList();
                    assertThat(all).isEqualTo(NODES);
                }
            }
        }
    }
}
