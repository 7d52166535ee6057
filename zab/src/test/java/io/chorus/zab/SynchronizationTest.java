package io.chorus.zab;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.Role;
import io.chorus.api.spi.Zxid;
import io.chorus.zab.ZabMessage.Ack;
import io.chorus.zab.ZabMessage.Proposal;
import org.junit.jupiter.api.Test;

class SynchronizationTest {
    @Test
    void aFollowerBehindGetsADiff() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        int behind = leader == 1 ? 2 : 1;
        cluster.proposeAll(leader, "a", "b");
        cluster.crash(behind);
        cluster.proposeAll(leader, "c", "d", "e");
        cluster.sent.clear();
        cluster.restart(behind);
        cluster.runFor(1_000);

        assertThat(cluster.sentTypes(leader, behind)).contains("Diff").doesNotContain("Trunc", "Snap");
        assertThat(cluster.node(behind).appliedPayloads()).containsExactly("a", "b", "c", "d", "e");
        assertThat(cluster.node(behind).role()).isEqualTo(Role.FOLLOWER);
        cluster.assertPrefixesAgree();
    }

    @Test
    void aFollowerWithAnUncommittedTailGetsTruncAndTheTailIsGone() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int oldLeader = cluster.awaitLeader(5_000);
        cluster.proposeAll(oldLeader, "a");
        // The old leader logs "x" but nobody else ever sees it.
        cluster.dropIf = e -> e.from() == oldLeader && e.message() instanceof Proposal;
        cluster.proposeAll(oldLeader, "x");
        cluster.crash(oldLeader);
        cluster.dropIf = e -> false;
        int newLeader = cluster.awaitLeader(5_000);
        cluster.proposeAll(newLeader, "y");
        cluster.sent.clear();
        cluster.restart(oldLeader);
        cluster.runFor(1_000);

        assertThat(cluster.sentTypes(newLeader, oldLeader)).contains("Trunc");
        assertThat(cluster.node(oldLeader).log).extracting(e -> new String(e.payload())).doesNotContain("x");
        for (TestCluster.Node n : cluster.nodes.values()) {
            assertThat(n.appliedPayloads()).as("server %s", n.id).containsExactly("a", "y");
        }
        cluster.assertPrefixesAgree();
        cluster.assertOneLeaderPerEpoch();
    }

    @Test
    void aFollowerFarBehindGetsASnapshot() {
        ZabSettings small = new ZabSettings(100, 10, 5, 200, 2, 10_000);
        TestCluster cluster = new TestCluster(3, small);
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        int behind = leader == 1 ? 2 : 1;
        cluster.proposeAll(leader, "a");
        cluster.crash(behind);
        cluster.proposeAll(leader, "b", "c", "d", "e", "f");
        cluster.sent.clear();
        cluster.restart(behind);
        cluster.runFor(1_000);

        assertThat(cluster.sentTypes(leader, behind)).contains("Snap").doesNotContain("Diff", "Trunc");
        assertThat(cluster.node(behind).appliedPayloads()).containsExactly("a", "b", "c", "d", "e", "f");
        cluster.proposeAll(behind, "g"); // forwarded to the leader
        cluster.runFor(300);
        assertThat(cluster.node(behind).appliedPayloads()).endsWith("g");
        cluster.assertPrefixesAgree();
    }

    @Test
    void aFollowerBehindAPurgedLogGetsASnapshotAndCanLaterServeOthers() {
        ZabSettings small = new ZabSettings(100, 10, 5, 200, 2, 10_000);
        TestCluster cluster = new TestCluster(3, small);
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        int behind = leader == 1 ? 2 : 1;
        int third = 6 - leader - behind;
        cluster.crash(behind);
        cluster.proposeAll(leader, "a", "b", "c", "d");
        cluster.restart(behind);
        cluster.runFor(500);
        // Now the snapshot-installed server must lead a sync itself: stop the others in turn.
        cluster.proposeAll(leader, "e");
        cluster.crash(leader);
        cluster.crash(third);
        cluster.restart(third);
        int next = cluster.awaitLeader(5_000);
        cluster.proposeAll(next, "f");
        cluster.restart(leader);
        cluster.runFor(1_000);
        for (TestCluster.Node n : cluster.nodes.values()) {
            assertThat(n.appliedPayloads()).as("server %s", n.id).containsExactly("a", "b", "c", "d", "e", "f");
        }
        cluster.assertPrefixesAgree();
    }

    @Test
    void newLeaderWaitsForAQuorumToAcknowledgeNewLeaderBeforeCommitting() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.seed(3, 1, 1, TestCluster.entry(1, 1, "a"));
        cluster.seed(1, 1, 1);
        cluster.seed(2, 1, 1);
        cluster.dropIf = e -> e.message() instanceof ZabMessage.AckNewLeader;
        cluster.startAll();
        cluster.runFor(500);

        assertThat(cluster.node(3).protocol.phase()).isEqualTo(Phase.SYNCHRONIZATION);
        assertThat(cluster.node(3).role()).isNotEqualTo(Role.LEADER);
        assertThat(cluster.node(3).protocol.deliveredZxid()).isEqualTo(Zxid.of(1, 1)); // replayed, not new
        assertThat(cluster.node(1).appliedPayloads()).isEmpty();
        assertThat(cluster.node(3).protocol.propose("p".getBytes(), cluster.now)).isEqualTo(
                io.chorus.api.spi.ProposeOutcome.NO_LEADER);
        cluster.dropIf = e -> false;
        cluster.awaitLeader(5_000);
        cluster.runFor(500);
        assertThat(cluster.node(1).appliedPayloads()).containsExactly("a");
    }

    @Test
    void aFollowerAcknowledgesOnlyWhatIsDurable() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        cluster.runFor(300);
        for (TestCluster.Node n : cluster.nodes.values()) {
            n.autoSync = n.id == leader;
        }
        cluster.sent.clear();
        cluster.proposeAll(leader, "a");
        cluster.runFor(300);
        assertThat(cluster.sent).noneMatch(e -> e.message() instanceof Ack);
        assertThat(cluster.node(leader).appliedPayloads()).isEmpty();

        int follower = leader == 1 ? 2 : 1;
        cluster.sync(follower);
        cluster.pump();
        assertThat(cluster.sent).anyMatch(e -> e.from() == follower && e.message() instanceof Ack);
        assertThat(cluster.node(leader).appliedPayloads()).containsExactly("a");
    }
}
