package io.chorus.zab;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.Zxid;
import io.chorus.zab.ZabMessage.Ack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BroadcastTest {
    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void proposalsCommitOnQuorumAndDeliverInOrderEverywhere(int size) {
        TestCluster cluster = new TestCluster(size, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        int follower = leader == 1 ? 2 : 1;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int at = i % 3 == 0 ? follower : leader;
            ProposeOutcome outcome = cluster.node(at).protocol.propose(("p" + i).getBytes(), cluster.now);
            assertThat(outcome).isEqualTo(at == leader ? ProposeOutcome.ACCEPTED : ProposeOutcome.FORWARDED);
            expected.add("p" + i);
            if (i % 4 == 3) {
                cluster.pump(); // several proposals in flight at once between pumps
            }
        }
        cluster.pump();
        cluster.runFor(300);

        for (TestCluster.Node n : cluster.nodes.values()) {
            assertThat(n.appliedPayloads()).as("server %s", n.id).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(n.appliedZxids()).isSorted();
            assertThat(n.appliedZxids()).allMatch(z -> Zxid.epoch(z) == 1);
        }
        cluster.assertPrefixesAgree();
    }

    @Test
    void withoutAQuorumOfAcknowledgementsNothingCommits() {
        TestCluster cluster = new TestCluster(5, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        List<Integer> acking = new ArrayList<>(List.of(leader));
        cluster.nodes.keySet().stream().filter(id -> id != leader).limit(1).forEach(acking::add);
        // Only one follower's acks get through: two of five is not a quorum.
        cluster.dropIf = e -> e.message() instanceof Ack && !acking.contains(e.from());
        cluster.proposeAll(leader, "a");
        cluster.pump();
        assertThat(cluster.node(leader).appliedPayloads()).isEmpty();

        // Acknowledgements are cumulative: once the next one gets through, both commit.
        cluster.dropIf = e -> false;
        cluster.proposeAll(leader, "b");
        assertThat(cluster.node(leader).appliedPayloads()).containsExactly("a", "b");
    }

    @Test
    void leaderLossElectsANewLeaderInAHigherEpochAndKeepsCommittedEntries() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int oldLeader = cluster.awaitLeader(5_000);
        cluster.proposeAll(oldLeader, "a", "b", "c");
        long oldEpoch = cluster.node(oldLeader).protocol.currentEpoch();
        cluster.crash(oldLeader);
        cluster.runFor(1_000);
        int newLeader = cluster.awaitLeader(5_000);

        assertThat(newLeader).isNotEqualTo(oldLeader);
        long newEpoch = cluster.node(newLeader).protocol.currentEpoch();
        assertThat(newEpoch).isGreaterThan(oldEpoch);
        cluster.proposeAll(newLeader, "d");
        cluster.restart(oldLeader);
        cluster.runFor(1_000);
        for (TestCluster.Node n : cluster.nodes.values()) {
            assertThat(n.appliedPayloads()).as("server %s", n.id).containsExactly("a", "b", "c", "d");
        }
        assertThat(Zxid.epoch(cluster.node(oldLeader).applied.get(3).zxid())).isEqualTo(newEpoch);
        cluster.assertOneLeaderPerEpoch();
    }

    @Test
    void aMinorityPartitionedLeaderStepsDownAndCommitsNothingMore() {
        TestCluster cluster = new TestCluster(5, TestCluster.settings());
        cluster.startAll();
        int oldLeader = cluster.awaitLeader(5_000);
        cluster.proposeAll(oldLeader, "a");
        cluster.isolate(oldLeader);
        cluster.proposeAll(oldLeader, "lost");
        cluster.runFor(2_000);

        assertThat(cluster.node(oldLeader).role()).isEqualTo(Role.LOOKING);
        assertThat(cluster.node(oldLeader).protocol.lastStepDownReason()).contains("quorum");
        assertThat(cluster.node(oldLeader).appliedPayloads()).containsExactly("a");
        assertThat(cluster.node(oldLeader).protocol.propose("later".getBytes(), cluster.now))
                .isEqualTo(ProposeOutcome.NO_LEADER);
        int newLeader = cluster.awaitLeader(5_000);
        assertThat(newLeader).isNotEqualTo(oldLeader);
        cluster.proposeAll(newLeader, "b");
        cluster.heal();
        cluster.runFor(2_000);
        for (TestCluster.Node n : cluster.nodes.values()) {
            assertThat(n.appliedPayloads()).as("server %s", n.id).containsExactly("a", "b");
        }
        cluster.assertOneLeaderPerEpoch();
    }

    @Test
    void followersAbandonASilentLeader() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        int follower = leader == 1 ? 2 : 1;
        cluster.dropIf = e -> e.from() == leader;
        cluster.runFor(800);
        assertThat(cluster.node(follower).protocol.lastStepDownReason()).contains("silent");
        assertThat(cluster.node(follower).leaderships).extracting(l -> l.role()).contains(Role.LOOKING);
        assertThat(cluster.node(follower).protocol.leadership().leaderId()).isNotEqualTo(leader);
    }

    @Test
    void readBarriersAreSatisfiedOnceWhatTheLeaderProposedIsApplied() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        int follower = leader == 1 ? 2 : 1;
        cluster.proposeAll(leader, "a");
        // Hold the follower's commits back: its barrier must wait for "b".
        cluster.dropIf = e -> e.to() == follower
                && (e.message() instanceof ZabMessage.Commit || e.message() instanceof ZabMessage.Ping);
        cluster.proposeAll(leader, "b");
        cluster.node(follower).protocol.readBarrier(7);
        cluster.node(leader).protocol.readBarrier(8);
        cluster.pump();
        assertThat(cluster.node(leader).barriers).containsExactly(8L);
        assertThat(cluster.node(follower).barriers).isEmpty();
        cluster.dropIf = e -> false;
        cluster.runFor(200);
        assertThat(cluster.node(follower).barriers).containsExactly(7L);
        assertThat(cluster.node(follower).appliedPayloads()).containsExactly("a", "b");
    }

    @Test
    void aFollowerThatMissedAProposalResynchronisesInsteadOfSkippingIt() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        int follower = leader == 1 ? 2 : 1;
        cluster.dropIf = e -> e.to() == follower && e.message() instanceof ZabMessage.Proposal p
                && new String(p.entry().payload()).equals("b");
        cluster.proposeAll(leader, "a", "b", "c");
        cluster.dropIf = e -> false;
        assertThat(cluster.node(follower).protocol.lastStepDownReason()).contains("expected");
        cluster.runFor(2_000);
        cluster.awaitLeader(5_000);
        cluster.runFor(500);
        assertThat(cluster.node(follower).appliedPayloads()).containsExactly("a", "b", "c");
        cluster.assertPrefixesAgree();
    }

    @Test
    void withNoLeaderProposalsAreRefused() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.nodes.keySet().forEach(cluster::start);
        assertThat(cluster.node(1).protocol.propose("x".getBytes(), cluster.now)).isEqualTo(ProposeOutcome.NO_LEADER);
    }

    @Test
    void anEnsembleOfOneLeadsAloneAndCommitsWhenDurable() {
        TestCluster cluster = new TestCluster(1, TestCluster.settings());
        cluster.startAll();
        assertThat(cluster.node(1).role()).isEqualTo(Role.LEADER);
        cluster.node(1).autoSync = false;
        cluster.proposeAll(1, "a");
        assertThat(cluster.node(1).appliedPayloads()).isEmpty();
        cluster.sync(1);
        cluster.pump();
        assertThat(cluster.node(1).appliedPayloads()).containsExactly("a");
    }

    @Test
    void aSequenceOfFailuresKeepsPrefixesAndOneLeaderPerEpoch() {
        TestCluster cluster = new TestCluster(5, TestCluster.settings(), 7);
        cluster.startAll();
        List<String> committed = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            int leader = cluster.awaitLeader(10_000);
            String payload = "r" + round;
            cluster.proposeAll(leader, payload);
            cluster.runFor(300);
            committed.add(payload);
            int victim = 1 + (round * 2 + leader) % 5;
            cluster.crash(victim);
            cluster.runFor(1_500);
            cluster.restart(victim);
            cluster.runFor(1_500);
        }
        cluster.awaitLeader(10_000);
        cluster.runFor(1_000);
        for (TestCluster.Node n : cluster.nodes.values()) {
            assertThat(n.appliedPayloads()).as("server %s", n.id).containsExactlyElementsOf(committed);
        }
        cluster.assertPrefixesAgree();
        cluster.assertOneLeaderPerEpoch();
    }
}
