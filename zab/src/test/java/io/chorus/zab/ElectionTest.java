package io.chorus.zab;

import static io.chorus.zab.TestCluster.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.Role;
import io.chorus.zab.ZabMessage.Notification;
import org.junit.jupiter.api.Test;

class ElectionTest {
    @Test
    void freshEnsembleOfThreeElectsTheHighestIdInEpochOne() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);

        assertThat(leader).isEqualTo(3);
        cluster.runFor(500);
        for (int id = 1; id <= 3; id++) {
            assertThat(cluster.node(id).protocol.leadership().leaderId()).isEqualTo(3);
            assertThat(cluster.node(id).protocol.currentEpoch()).isEqualTo(1);
            assertThat(cluster.node(id).protocol.phase()).isEqualTo(Phase.BROADCAST);
        }
        assertThat(cluster.node(1).role()).isEqualTo(Role.FOLLOWER);
        cluster.assertOneLeaderPerEpoch();
    }

    @Test
    void electionPrefersEpochThenZxidThenId() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        // Server 1: epoch 2 ending at (2,1). Server 2: epoch 2 ending at (2,2). Server 3: epoch 1, long history.
        cluster.seed(1, 2, 2, entry(1, 1, "a"), entry(2, 1, "b"));
        cluster.seed(2, 2, 2, entry(1, 1, "a"), entry(2, 1, "b"), entry(2, 2, "c"));
        cluster.seed(3, 2, 1, entry(1, 1, "a"), entry(1, 2, "x"), entry(1, 3, "y"), entry(1, 4, "z"));
        cluster.startAll();

        assertThat(cluster.awaitLeader(5_000)).isEqualTo(2);
        cluster.runFor(500);
        assertThat(cluster.node(2).protocol.currentEpoch()).isEqualTo(3);
        // Server 3's epoch-1 tail beyond (1,1) is not in the leader's history: it is cut.
        assertThat(cluster.node(3).log).extracting(e -> e.zxid()).doesNotContain(
                io.chorus.api.spi.Zxid.of(1, 2));
        cluster.assertPrefixesAgree();
    }

    @Test
    void fiveServersWithDifferentZxidsElectTheMostUpToDate() {
        TestCluster cluster = new TestCluster(5, TestCluster.settings());
        cluster.seed(1, 1, 1, entry(1, 1, "a"), entry(1, 2, "b"), entry(1, 3, "c"));
        cluster.seed(2, 1, 1, entry(1, 1, "a"));
        cluster.seed(3, 1, 1, entry(1, 1, "a"), entry(1, 2, "b"));
        cluster.seed(4, 1, 1);
        cluster.seed(5, 1, 1, entry(1, 1, "a"));
        cluster.startAll();

        assertThat(cluster.awaitLeader(5_000)).isEqualTo(1);
        cluster.runFor(1_000);
        for (int id = 1; id <= 5; id++) {
            assertThat(cluster.node(id).appliedPayloads()).as("server %s", id).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aRestartedServerJoinsTheEstablishedLeaderWithoutANewEpoch() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        cluster.runFor(300);
        int other = leader == 1 ? 2 : 1;
        cluster.crash(other);
        cluster.runFor(300);
        cluster.restart(other);
        cluster.runFor(1_000);

        assertThat(cluster.node(other).role()).isEqualTo(Role.FOLLOWER);
        assertThat(cluster.node(other).protocol.leadership().leaderId()).isEqualTo(leader);
        assertThat(cluster.node(leader).protocol.currentEpoch()).isEqualTo(1);
        // The joiner heard LEADING/FOLLOWING notifications.
        assertThat(cluster.sent.stream().filter(e -> e.to() == other && e.message() instanceof Notification n
                && n.state() == ZabMessage.PeerState.LEADING)).isNotEmpty();
    }

    @Test
    void voteOrderIsEpochThenZxidThenId() {
        assertThat(new Vote(1, 5, 2).beats(new Vote(3, 9, 1))).isTrue();
        assertThat(new Vote(1, 9, 2).beats(new Vote(3, 5, 2))).isTrue();
        assertThat(new Vote(3, 5, 2).beats(new Vote(1, 5, 2))).isTrue();
        assertThat(new Vote(1, 5, 2).beats(new Vote(1, 5, 2))).isFalse();
    }
}
