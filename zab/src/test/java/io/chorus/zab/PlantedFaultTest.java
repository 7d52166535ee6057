package io.chorus.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.Role;
import io.chorus.zab.ZabMessage.Ack;
import io.chorus.zab.ZabMessage.Proposal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each planted fault must change what can be observed in at least one scenario, or the simulator could never
 * find it. Every scenario runs without the fault (correct) and with it (the named misbehaviour).
 */
class PlantedFaultTest {
    /** Followers never sync their logs: only the leader's own ack is durable. */
    private static TestCluster ackBeforeDurable(PlantedFault... faults) {
        TestCluster cluster = new TestCluster(3, TestCluster.settings()).withFaults(faults);
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        cluster.runFor(300);
        cluster.nodes.values().forEach(n -> n.autoSync = n.id == leader);
        cluster.proposeAll(leader, "a");
        return cluster;
    }

    @Test
    void ackBeforeDurableCommitsWhatOnlyOneServerHasOnDisk() {
        TestCluster correct = ackBeforeDurable();
        int leader = correct.establishedLeader();
        assertThat(correct.node(leader).appliedPayloads()).isEmpty();

        TestCluster faulty = ackBeforeDurable(PlantedFault.ACK_BEFORE_DURABLE);
        int faultyLeader = faulty.establishedLeader();
        assertThat(faulty.node(faultyLeader).appliedPayloads()).containsExactly("a");
        // A crash of both followers now loses an acknowledged write.
        faulty.nodes.keySet().stream().filter(id -> id != faultyLeader).forEach(id -> {
            faulty.crash(id);
            assertThat(faulty.node(id).log).isEmpty();
        });
    }

    private static TestCluster acksLost(PlantedFault... faults) {
        TestCluster cluster = new TestCluster(3, TestCluster.settings()).withFaults(faults);
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        cluster.runFor(300);
        cluster.dropIf = e -> e.message() instanceof Ack;
        cluster.proposeAll(leader, "a");
        return cluster;
    }

    @Test
    void commitWithoutQuorumCommitsOnTheLeadersOwnAck() {
        TestCluster correct = acksLost();
        assertThat(correct.node(correct.establishedLeader()).appliedPayloads()).isEmpty();

        TestCluster faulty = acksLost(PlantedFault.COMMIT_WITHOUT_QUORUM);
        int leader = faulty.establishedLeader();
        assertThat(faulty.node(leader).appliedPayloads()).containsExactly("a");
        assertThat(faulty.nodes.values()).allMatch(n -> n.appliedPayloads().equals(List.of("a")));
    }

    @Test
    void deliverBeforeCommitAppliesProposalsNoQuorumAcknowledged() {
        TestCluster correct = acksLost();
        assertThat(correct.nodes.values()).allMatch(n -> n.applied.isEmpty());

        TestCluster faulty = acksLost(PlantedFault.DELIVER_BEFORE_COMMIT);
        int leader = faulty.establishedLeader();
        assertThat(faulty.node(leader).appliedPayloads()).isEmpty();
        assertThat(faulty.nodes.values()).filteredOn(n -> n.id != leader)
                .allMatch(n -> n.appliedPayloads().equals(List.of("a")));
    }

    /** The old leader logs "x" alone, crashes, the others commit "y", and the old leader comes back. */
    private static TestCluster divergentTail(PlantedFault... faults) {
        TestCluster cluster = new TestCluster(3, TestCluster.settings()).withFaults(faults);
        cluster.startAll();
        int oldLeader = cluster.awaitLeader(5_000);
        cluster.proposeAll(oldLeader, "a");
        cluster.dropIf = e -> e.from() == oldLeader && e.message() instanceof Proposal;
        cluster.proposeAll(oldLeader, "x");
        cluster.crash(oldLeader);
        cluster.dropIf = e -> false;
        int newLeader = cluster.awaitLeader(5_000);
        cluster.proposeAll(newLeader, "y");
        cluster.restart(oldLeader);
        cluster.runFor(1_000);
        cluster.proposeAll(cluster.awaitLeader(5_000), "z");
        cluster.runFor(500);
        return cluster;
    }

    @Test
    void skipTruncLeavesAnUncommittedTailThatIsThenDelivered() {
        TestCluster correct = divergentTail();
        correct.assertPrefixesAgree();
        assertThat(correct.nodes.values()).noneMatch(n -> n.appliedPayloads().contains("x"));

        TestCluster faulty = divergentTail(PlantedFault.SKIP_TRUNC);
        assertThat(faulty.nodes.values()).anyMatch(n -> n.appliedPayloads().contains("x"));
        assertThatThrownBy(faulty::assertPrefixesAgree).isInstanceOf(AssertionError.class);
    }

    private static TestCluster leaderChange(PlantedFault... faults) {
        TestCluster cluster = new TestCluster(3, TestCluster.settings()).withFaults(faults);
        cluster.startAll();
        int oldLeader = cluster.awaitLeader(5_000);
        cluster.proposeAll(oldLeader, "a");
        cluster.crash(oldLeader);
        cluster.awaitLeader(5_000);
        return cluster;
    }

    @Test
    void noEpochIncreaseLetsTheNextLeaderReuseAnEpoch() {
        TestCluster correct = leaderChange();
        correct.assertOneLeaderPerEpoch();
        assertThat(correct.node(correct.establishedLeader()).protocol.currentEpoch()).isEqualTo(2);

        TestCluster faulty = leaderChange(PlantedFault.NO_EPOCH_INCREASE);
        // Epoch 0 at start (nothing accepted yet), and still 0 after the leader changed.
        assertThat(faulty.node(faulty.establishedLeader()).protocol.currentEpoch()).isEqualTo(0);
        assertThatThrownBy(faulty::assertOneLeaderPerEpoch).isInstanceOf(AssertionError.class);
    }

    /** The leader's history ends with an entry nobody else has; no follower's NEWLEADER ack gets through. */
    private static TestCluster newLeaderAcksLost(PlantedFault... faults) {
        TestCluster cluster = new TestCluster(3, TestCluster.settings()).withFaults(faults);
        cluster.seed(3, 1, 1, TestCluster.entry(1, 1, "a"), TestCluster.entry(1, 2, "uncommitted"));
        cluster.seed(2, 1, 1, TestCluster.entry(1, 1, "a"));
        cluster.seed(1, 1, 1, TestCluster.entry(1, 1, "a"));
        cluster.dropIf = e -> e.message() instanceof ZabMessage.AckNewLeader;
        cluster.startAll();
        cluster.runFor(500);
        return cluster;
    }

    @Test
    void serveBeforeNewLeaderQuorumStartsBroadcastOnItsOwn() {
        TestCluster correct = newLeaderAcksLost();
        assertThat(correct.node(3).role()).isNotEqualTo(Role.LEADER);
        assertThat(correct.nodes.values()).noneMatch(n -> n.role() == Role.FOLLOWER);

        TestCluster faulty = newLeaderAcksLost(PlantedFault.SERVE_BEFORE_NEWLEADER_QUORUM);
        assertThat(faulty.node(3).leaderships).extracting(l -> l.role()).contains(Role.LEADER);
        assertThat(faulty.nodes.values()).anyMatch(n -> n.leaderships.stream()
                .anyMatch(l -> l.role() == Role.FOLLOWER));
    }

    /** The leader is cut off from everyone, keeps being asked to propose, and time passes. */
    private static TestCluster isolatedLeader(PlantedFault... faults) {
        TestCluster cluster = new TestCluster(3, TestCluster.settings()).withFaults(faults);
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        cluster.proposeAll(leader, "a");
        cluster.isolate(leader);
        cluster.runFor(1_000);
        cluster.proposeAll(leader, "b");
        cluster.runFor(300);
        int newLeader = cluster.awaitLeader(5_000);
        cluster.proposeAll(newLeader, "c");
        return cluster;
    }

    @Test
    void commitAfterQuorumLostKeepsCommittingAlone() {
        TestCluster correct = isolatedLeader();
        correct.assertPrefixesAgree();
        assertThat(correct.nodes.values()).noneMatch(n -> n.appliedPayloads().contains("b"));

        TestCluster faulty = isolatedLeader(PlantedFault.COMMIT_AFTER_QUORUM_LOST);
        assertThat(faulty.nodes.values()).anyMatch(n -> n.appliedPayloads().equals(List.of("a", "b")));
        assertThatThrownBy(faulty::assertPrefixesAgree).isInstanceOf(AssertionError.class);
    }

    @Test
    void everyPlantedFaultHasAScenarioHere() {
        assertThat(Arrays.stream(PlantedFault.values()).map(Enum::name)).containsExactlyInAnyOrder(
                "ACK_BEFORE_DURABLE", "COMMIT_WITHOUT_QUORUM", "SKIP_TRUNC", "NO_EPOCH_INCREASE",
                "DELIVER_BEFORE_COMMIT", "SERVE_BEFORE_NEWLEADER_QUORUM", "COMMIT_AFTER_QUORUM_LOST");
    }

    @Test
    void faultsCannotBeChangedAfterStart() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.start(1);
        assertThatThrownBy(() -> cluster.node(1).protocol.withPlantedFaults(java.util.Set.of(
                PlantedFault.SKIP_TRUNC))).isInstanceOf(IllegalStateException.class);
    }
}
