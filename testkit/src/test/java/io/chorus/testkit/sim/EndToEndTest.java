package io.chorus.testkit.sim;

import static io.chorus.testkit.sim.ToyCluster.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The toy primary-backup protocol under the simulator: what it commits reaches every node once faults heal. */
class EndToEndTest {
    private static void assertConverged(Simulation sim) {
        Map<Integer, List<SimEvent.Committed>> committed = ToyCluster.committedByNode(sim);
        long leaderDigest = sim.node(1).digest();
        long leaderApplied = sim.node(1).lastAppliedZxid();
        for (SimNode node : sim.nodes()) {
            assertThat(node.lastAppliedZxid()).as("node %d, seed %d", node.id(), sim.seed()).isEqualTo(leaderApplied);
            assertThat(node.digest()).as("node %d, seed %d", node.id(), sim.seed()).isEqualTo(leaderDigest);
        }
        assertThat(committed.get(1)).isNotEmpty();
    }

    @Test
    void entriesCommittedDuringAPartitionReachTheMinorityAfterHeal() {
        Simulation sim = ToyCluster.builder(11, 5).build();
        sim.runFor(100);
        sim.network().partition(List.of(List.of(1, 2, 3), List.of(4, 5)));
        for (int i = 0; i < 50; i++) {
            sim.propose(1, payload("during-" + i));
        }
        sim.runFor(1_000);
        assertThat(sim.node(3).committedCount()).isEqualTo(50);
        assertThat(sim.node(4).committedCount()).isZero();
        assertThat(sim.node(5).committedCount()).isZero();
        sim.network().heal();
        sim.runFor(1_000);
        assertThat(sim.node(4).committedCount()).isEqualTo(50);
        assertConverged(sim);
        ToyCluster.assertSafe(sim);
    }

    @Test
    void aLeaderCutOffFromItsMajorityCommitsNothing() {
        Simulation sim = ToyCluster.builder(12, 3).build();
        sim.runFor(100);
        sim.network().isolate(1);
        sim.propose(1, payload("stuck"));
        sim.runFor(1_000);
        assertThat(sim.nodes()).allSatisfy(n -> assertThat(n.committedCount()).isZero());
        sim.network().heal();
        sim.runFor(500);
        assertThat(sim.nodes()).allSatisfy(n -> assertThat(n.committedCount()).isEqualTo(1));
    }

    @Test
    void aOneWayCutFromFollowerToLeaderBlocksItsAcksButNotItsCatchUp() {
        Simulation sim = ToyCluster.builder(13, 3).build();
        sim.runFor(100);
        sim.network().cut(3, 1); // 3 hears the leader, the leader never hears 3
        sim.network().cut(2, 1);
        sim.propose(1, payload("a"));
        sim.runFor(500);
        assertThat(sim.nodes()).allSatisfy(n -> assertThat(n.committedCount()).isZero());
        assertThat(sim.node(3).disk().log().durableZxid()).as("3 did get and persist it").isPositive();
        sim.network().restore(2, 1);
        sim.runFor(500);
        assertThat(sim.nodes()).allSatisfy(n -> assertThat(n.committedCount()).isEqualTo(1));
    }

    @Test
    void lossyDuplicatingReorderingNetworkStillConverges() {
        Simulation sim = ToyCluster.builder(14, 3).lossRate(0.2).duplicateRate(0.2)
                .messageDelay(DelayDistribution.uniform(1, 50)).build();
        Runnable stopWorkload = ToyCluster.busyWorkload(sim, 2);
        sim.runFor(3_000);
        assertThat(sim.network().dropped()).isPositive();
        assertThat(sim.network().duplicated()).isPositive();
        sim.network().setLossRate(0);
        sim.network().setDuplicateRate(0);
        Simulation.Liveness liveness = sim.awaitProgress(5_000, Simulation::markerPayload);
        assertThat(liveness.progressed()).as("lagging %s", liveness.laggingNodes()).isTrue();
        stopWorkload.run();
        sim.runFor(1_000);
        ToyCluster.assertSafe(sim);
        assertConverged(sim);
        ToyCluster.assertEveryCommittedEntryIsEverywhere(sim);
        assertThat(sim.node(1).committedCount()).isGreaterThan(500);
    }

    @Test
    void everySeedIsSafeAndLiveUnderTheFaultPresets() {
        int seeds = 0;
        for (FaultPreset preset : FaultPreset.values()) {
            for (long seed = 100; seed < 120; seed++) {
                Simulation sim = ToyCluster.builder(seed, seed % 2 == 0 ? 3 : 5).faults(preset).build();
                Runnable stopWorkload = ToyCluster.busyWorkload(sim, 5);
                Simulation.Outcome outcome = sim.run(5_000, 5_000);
                assertThat(outcome.liveness().progressed())
                        .as("%s seed %d lagging %s%n%s", preset, seed, outcome.liveness().laggingNodes(),
                                outcome.schedule())
                        .isTrue();
                ToyCluster.assertSafe(sim);
                stopWorkload.run();
                sim.runFor(1_000); // let the last proposals settle
                ToyCluster.assertEveryCommittedEntryIsEverywhere(sim);
                seeds++;
            }
        }
        assertThat(seeds).isEqualTo(60);
    }

    @Test
    void aCommittedEntrySurvivesTheCrashOfEveryNode() {
        Simulation sim = ToyCluster.builder(15, 3).diskFaults(DiskFaults.TORN).build();
        ToyCluster.busyWorkload(sim, 1);
        sim.runFor(1_000);
        long committedAtCrash = sim.node(1).lastAppliedZxid();
        for (SimNode node : sim.nodes()) {
            node.crash();
        }
        for (SimNode node : sim.nodes()) {
            node.restart();
        }
        // the leader's log still holds everything it had committed, and so does the majority
        assertThat(sim.node(1).disk().log().lastZxid()).isGreaterThanOrEqualTo(committedAtCrash);
        long holding = sim.nodes().stream().filter(n -> n.disk().log().lastZxid() >= committedAtCrash).count();
        assertThat(holding).isGreaterThanOrEqualTo(2);
        sim.runFor(1_000);
        ToyCluster.assertSafe(sim);
    }
}
