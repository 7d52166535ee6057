package io.chorus.zab;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Zxid;
import io.chorus.api.spi.ZxidSequence;
import org.junit.jupiter.api.Test;

class ZxidExhaustionTest {
    @Test
    void anExhaustedCounterMakesTheLeaderStandDownForANewEpochInsteadOfWrapping() {
        TestCluster cluster = new TestCluster(3, TestCluster.settings());
        cluster.startAll();
        int leader = cluster.awaitLeader(5_000);
        long epoch = cluster.node(leader).protocol.currentEpoch();
        // Skip ahead: the next zxid is the epoch's last.
        cluster.node(leader).protocol.replica().leading.zxids = new ZxidSequence(epoch, Zxid.COUNTER_MAX - 1);

        assertThat(cluster.node(leader).protocol.propose("last".getBytes(), cluster.now))
                .isEqualTo(ProposeOutcome.ACCEPTED);
        assertThat(cluster.node(leader).protocol.lastZxid()).isEqualTo(Zxid.of(epoch, Zxid.COUNTER_MAX));
        assertThat(cluster.node(leader).protocol.propose("next".getBytes(), cluster.now))
                .isEqualTo(ProposeOutcome.NO_LEADER);
        assertThat(cluster.node(leader).protocol.lastStepDownReason()).contains("exhausted");
        cluster.pump();

        int next = cluster.awaitLeader(10_000);
        assertThat(cluster.node(next).protocol.currentEpoch()).isGreaterThan(epoch);
        cluster.proposeAll(next, "after");
        cluster.runFor(500);
        assertThat(Zxid.epoch(cluster.node(next).protocol.lastZxid())).isGreaterThan(epoch);
        assertThat(Zxid.counter(cluster.node(next).protocol.lastZxid())).isEqualTo(1);
        cluster.assertPrefixesAgree();
    }
}
