package io.chorus.testkit.sim;

import static io.chorus.testkit.sim.ToyCluster.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimNodeTest {
    @Test
    void aProposalIsPersistedCommittedAndAppliedEverywhere() {
        Simulation sim = ToyCluster.builder(1, 3).build();
        sim.runFor(100);
        assertThat(sim.leaders()).containsExactly(1);
        assertThat(sim.propose(1, payload("x"))).isEqualTo(ProposeOutcome.ACCEPTED);
        assertThat(sim.propose(2, payload("y"))).isEqualTo(ProposeOutcome.FORWARDED);
        sim.runFor(200);
        for (SimNode node : sim.nodes()) {
            assertThat(node.committedCount()).as("node %d", node.id()).isEqualTo(2);
            assertThat(node.digest()).isEqualTo(sim.node(1).digest());
            assertThat(node.disk().log().durableZxid()).isEqualTo(node.lastAppliedZxid());
        }
        assertThat(sim.history().of(SimEvent.LeadershipChanged.class))
                .anySatisfy(l -> assertThat(l.role()).isEqualTo(Role.LEADER))
                .anySatisfy(l -> assertThat(l.role()).isEqualTo(Role.FOLLOWER));
    }

    @Test
    void theProtocolHearsOfDurabilityOnlyAfterTheSimulatedFsync() {
        Simulation sim = ToyCluster.builder(2, 1).fsyncLatency(DelayDistribution.fixed(25)).build();
        sim.runFor(10);
        sim.propose(1, payload("x"));
        assertThat(sim.node(1).disk().log().lastZxid()).isPositive();
        assertThat(sim.node(1).disk().log().durableZxid()).isZero();
        sim.runFor(24);
        assertThat(sim.history().of(SimEvent.Persisted.class)).isEmpty();
        assertThat(sim.node(1).committedCount()).isZero();
        sim.runFor(1);
        assertThat(sim.history().of(SimEvent.Persisted.class)).singleElement()
                .satisfies(p -> assertThat(p.atMillis()).isEqualTo(35));
        assertThat(sim.node(1).committedCount()).isEqualTo(1);
    }

    @Test
    void oneFsyncCoversEverythingAppendedBeforeItWasIssued() {
        Simulation sim = ToyCluster.builder(3, 1).fsyncLatency(DelayDistribution.fixed(20)).build();
        sim.runFor(10);
        sim.propose(1, payload("a"));
        sim.runFor(5);
        sim.propose(1, payload("b"));
        sim.propose(1, payload("c"));
        sim.runFor(100);
        // the first sync (issued at 10) covers a; the second (issued at 30) covers b and c
        assertThat(sim.history().of(SimEvent.Persisted.class)).extracting(SimEvent.Persisted::atMillis)
                .containsExactly(30L, 50L);
    }

    @Test
    void aCrashedFollowerRestartsFromItsDiskAndCatchesUp() {
        Simulation sim = ToyCluster.builder(4, 3).build();
        Runnable stopWorkload = ToyCluster.busyWorkload(sim, 5);
        sim.runFor(500);
        long before = sim.node(3).lastAppliedZxid();
        assertThat(before).isPositive();
        sim.crash(3);
        assertThat(sim.node(3).up()).isFalse();
        assertThat(sim.node(3).protocol()).isNull();
        sim.runFor(500);
        assertThat(sim.propose(3, payload("to a dead node"))).isEqualTo(ProposeOutcome.NO_LEADER);
        sim.restart(3);
        SimEvent.Restarted restarted = sim.history().of(SimEvent.Restarted.class).get(3);
        assertThat(restarted.node()).isEqualTo(3);
        assertThat(restarted.lastLoggedZxid()).isEqualTo(sim.node(3).disk().log().lastZxid());
        assertThat(sim.history().of(SimEvent.Applied.class))
                .filteredOn(a -> a.node() == 3 && a.replayed()).isNotEmpty();
        sim.runFor(1_000);
        stopWorkload.run();
        sim.runFor(300);
        assertThat(sim.node(3).crashes()).isEqualTo(1);
        assertThat(sim.node(3).lastAppliedZxid()).isGreaterThan(before).isEqualTo(sim.node(1).lastAppliedZxid());
        assertThat(sim.node(3).digest()).isEqualTo(sim.node(1).digest());
        ToyCluster.assertEveryCommittedEntryIsEverywhere(sim);
        ToyCluster.assertSafe(sim);
    }

    @Test
    void aCrashCancelsTheNodesPendingEvents() {
        Simulation sim = ToyCluster.builder(5, 3).keepTraceText().fsyncLatency(DelayDistribution.fixed(50)).build();
        sim.runFor(100);
        sim.propose(2, payload("forwarded, then the follower dies"));
        sim.runFor(20);
        sim.crash(2);
        sim.runFor(1_000);
        // node 2 neither ticks, syncs nor applies while down: nothing of it after the crash but drops
        assertThat(sim.node(2).committedCount()).isZero();
        assertThat(sim.history().events()).filteredOn(e -> e.node() == 2 && e.atMillis() >= 120).singleElement()
                .isInstanceOf(SimEvent.Crashed.class);
        List<String> afterCrash = sim.trace().text().stream()
                .filter(line -> Long.parseLong(line.split(" ")[0]) > 120).toList();
        assertThat(afterCrash).noneMatch(line -> line.matches("\\d+ (TICK|PERSISTED|APPLIED|COMMITTED) 2 .*"));
        assertThat(afterCrash).anyMatch(line -> line.matches("\\d+ TICK 1 .*"));
        assertThat(afterCrash).anyMatch(line -> line.matches("\\d+ DROP 1 2 .*"));
    }

    @Test
    void eventsOfAnEarlierIncarnationNeverReachTheRestartedNode() {
        Simulation sim = ToyCluster.builder(8, 1).keepTraceText().tickMillis(10).build();
        sim.runFor(100);
        sim.crash(1);
        sim.restart(1); // at once: the old incarnation's tick is still queued
        sim.runFor(1_000);
        long ticks = sim.trace().text().stream()
                .filter(line -> line.matches("\\d+ TICK 1 .*") && Long.parseLong(line.split(" ")[0]) > 100).count();
        assertThat(ticks).as("one tick chain, not two").isBetween(99L, 101L);
    }

    @Test
    void subscribersHearEveryEventAsItIsRecorded() {
        Simulation sim = ToyCluster.builder(9, 3).build();
        List<SimEvent> heard = new java.util.ArrayList<>();
        sim.history().subscribe(heard::add);
        sim.runFor(50);
        sim.propose(1, payload("x"));
        sim.crash(2);
        sim.runFor(100);
        assertThat(heard).isNotEmpty().isEqualTo(sim.history().events());
    }

    @Test
    void aPausedNodeHoldsItsEventsAndRunsThemWhenItResumes() {
        Simulation sim = ToyCluster.builder(6, 3).build();
        sim.runFor(100);
        sim.pause(3, 400);
        assertThat(sim.node(3).paused()).isTrue();
        for (int i = 0; i < 5; i++) {
            sim.propose(1, payload("p" + i));
        }
        sim.runFor(399);
        assertThat(sim.node(2).committedCount()).isEqualTo(5);
        assertThat(sim.node(3).committedCount()).as("nothing runs during the pause").isZero();
        assertThat(sim.propose(3, payload("unreachable"))).isEqualTo(ProposeOutcome.NO_LEADER);
        sim.runFor(1);
        assertThat(sim.node(3).paused()).isFalse();
        sim.runFor(100);
        assertThat(sim.node(3).committedCount()).isEqualTo(5);
        assertThat(sim.node(3).digest()).isEqualTo(sim.node(1).digest());
        List<SimEvent.Applied> appliedBy3 = sim.history().of(SimEvent.Applied.class).stream()
                .filter(a -> a.node() == 3).toList();
        assertThat(appliedBy3).allSatisfy(a -> assertThat(a.atMillis()).isGreaterThanOrEqualTo(500));
    }

    @Test
    void aPausedLeaderStallsTheCluster() {
        Simulation sim = ToyCluster.builder(7, 3).build();
        sim.runFor(100);
        sim.propose(1, payload("before"));
        sim.pause(1, 300);
        sim.runFor(299);
        assertThat(sim.nodes()).allSatisfy(n -> assertThat(n.committedCount()).isZero());
        sim.runFor(200);
        assertThat(sim.nodes()).allSatisfy(n -> assertThat(n.committedCount()).isEqualTo(1));
    }
}
