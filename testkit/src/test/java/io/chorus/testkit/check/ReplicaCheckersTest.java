package io.chorus.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.Zxid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkers over replica facts: digests, leaders, committed prefixes. */
class ReplicaCheckersTest {
    private static long z(long epoch, long counter) {
        return Zxid.of(epoch, counter);
    }

    private static ReplicaFact.Delivered d(int node, long zxid, long hash, long digest) {
        return new ReplicaFact.Delivered(node, 0, zxid, hash, digest);
    }

    private static ReplicaFact.Delivered d(int node, long zxid) {
        return new ReplicaFact.Delivered(node, 0, zxid, zxid * 31);
    }

    private static History facts(ReplicaFact... facts) {
        return new History(List.of(), List.of(), List.of(facts), 3, false);
    }

    @Test
    void digestsAgreeingPass() {
        assertThat(new ReplicaDigestChecker().check(facts(d(1, z(1, 1), 7, 100), d(2, z(1, 1), 7, 100),
                d(3, z(1, 1), 7, ReplicaFact.Delivered.NO_DIGEST))).passed()).isTrue();
    }

    @Test
    void digestsDivergingFail() {
        CheckResult r = new ReplicaDigestChecker().check(facts(d(1, z(1, 1), 7, 100), d(2, z(1, 1), 7, 101)));
        assertThat(r.failed()).isTrue();
        assertThat(r.problems()).singleElement().asString().contains("0x100000001", "node 1", "node 2");
    }

    @Test
    void oneLeaderPerEpochPasses() {
        assertThat(new LeaderUniquenessChecker().check(facts(new ReplicaFact.LeaderEstablished(1, 0, 1),
                new ReplicaFact.LeaderEstablished(2, 10, 2), new ReplicaFact.LeaderEstablished(2, 20, 2))).passed()).isTrue();
    }

    @Test
    void twoLeadersInOneEpochFail() {
        CheckResult r = new LeaderUniquenessChecker().check(facts(new ReplicaFact.LeaderEstablished(1, 0, 3),
                new ReplicaFact.LeaderEstablished(2, 10, 3)));
        assertThat(r.problems()).singleElement().asString().contains("two leaders in epoch 3");
    }

    @Test
    void identicalPrefixesPass() {
        assertThat(new CommitOrderChecker().check(facts(d(1, z(1, 1)), d(2, z(1, 1)), d(1, z(1, 2)), d(1, z(2, 1)),
                d(2, z(1, 2)), d(3, z(1, 1)))).passed()).isTrue();
    }

    @Test
    void snapshotOrRestartMayJumpAhead() {
        assertThat(new CommitOrderChecker().check(facts(d(1, z(1, 1)), d(1, z(1, 2)), d(1, z(1, 3)),
                new ReplicaFact.Recovered(3, 0, z(1, 2)), d(3, z(1, 3)),
                new ReplicaFact.Crashed(1, 0), new ReplicaFact.Recovered(1, 0, z(1, 1)), d(1, z(1, 2)))).passed()).isTrue();
    }

    @Test
    void twoPayloadsAtOneZxidFail() {
        CheckResult r = new CommitOrderChecker().check(facts(d(1, z(1, 1), 5, 0), d(2, z(1, 1), 6, 0)));
        assertThat(r.problems()).singleElement().asString().contains("two payloads");
    }

    @Test
    void deliveringOutOfOrderFails() {
        CheckResult r = new CommitOrderChecker().check(facts(d(1, z(1, 1)), d(1, z(1, 2)), d(2, z(1, 2)), d(2, z(1, 1))));
        assertThat(r.failed()).isTrue();
        assertThat(String.join("\n", r.problems())).contains("node 2 delivered out of order");
    }

    @Test
    void deliveringTwiceWithoutRecoveryFails() {
        assertThat(new CommitOrderChecker().check(facts(d(1, z(1, 1)), d(1, z(1, 1)))).failed()).isTrue();
    }

    @Test
    void skippingACommittedTransactionFails() {
        CheckResult r = new CommitOrderChecker().check(facts(d(1, z(1, 1)), d(1, z(1, 2)), d(2, z(1, 1)), d(2, z(2, 1))));
        assertThat(r.failed()).isTrue();
        assertThat(String.join("\n", r.problems())).contains("node 2 skipped committed [0x100000002]");
    }
}
