package io.chorus.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.Clock;
import io.chorus.api.spi.Role;
import io.chorus.client.wire.OpCode;
import io.chorus.datatree.ApplyResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.watch.WatchManager;
import io.chorus.server.config.ServerConfig;
import io.chorus.server.net.ConnectPacket;
import io.chorus.server.net.ConnectReplyPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.server.session.SessionTracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two servers' pipelines, one following and one leading, fed the same transactions: a client kept alive
 * at the follower stays alive at the leader (which alone expires sessions) only through the follower's
 * touch reports; without them the leader expires it once its timeout passes.
 */
class SessionTouchReportTest {
    private static final int TIMEOUT_MILLIS = 6_000;

    private final List<Txn> proposed = new ArrayList<>();
    /** Test time, in milliseconds: the pipelines read it through their clock and are told it with each call. */
    private long now;
    private final Clock clock = new TestClock(() -> now);
    private final DataTree leaderTree = new DataTree(TreeOptions.DEFAULTS);
    private final DataTree followerTree = new DataTree(TreeOptions.DEFAULTS);
    private final RequestPipeline leader = pipeline(1, leaderTree);
    private final RequestPipeline follower = pipeline(2, followerTree);
    private long zxid;

    @Test
    void aSessionPingingAFollowerStaysAliveAtTheLeaderThroughTouchReports() {
        RecordingChannel client = new RecordingChannel();
        follower.onConnect(client, new ConnectPacket(0, 0, TIMEOUT_MILLIS, 0, new byte[16], false), 0);
        applyAll();
        assertThat(client.written).singleElement().isInstanceOf(ConnectReplyPacket.class);

        for (now = 1_000; now <= 20_000; now += 1_000) {
            follower.onRequest(client, RequestPacket.of(OpCode.XID_PING, OpCode.PING, null), now);
            List<byte[]> reports = followerTick();
            assertThat(reports).as("a report after the ping at %d", now).hasSize(1);
            leader.onAppMessage(2, reports.get(0), now);
            leader.onTick(Role.LEADER, now, report -> {
                throw new AssertionError("a leader reports to nobody");
            });
        }
        assertThat(proposed).as("no expiry proposed while the follower reports the session").isEmpty();
        assertThat(followerTick()).as("nothing new since the last report").isEmpty();

        now = 20_000 + TIMEOUT_MILLIS + 1;
        followerTick();
        assertThat(proposed).as("a follower never expires sessions itself").isEmpty();
        leader.onTick(Role.LEADER, now, report -> { });
        assertThat(proposed).singleElement().extracting(Txn::body).isInstanceOf(TxnBody.CloseSession.class);
    }

    @Test
    void aMalformedReportIsDroppedAndChangesNothing() {
        leader.onAppMessage(3, new byte[] {9, 9, 9}, 0);
        assertThat(proposed).isEmpty();
    }

    /** A tick of the follower; what it hands to the leader. */
    private List<byte[]> followerTick() {
        List<byte[]> reports = new ArrayList<>();
        follower.onTick(Role.FOLLOWER, now, reports::add);
        return reports;
    }

    private void applyAll() {
        List<Txn> batch = new ArrayList<>(proposed);
        proposed.clear();
        for (Txn txn : batch) {
            zxid++;
            ApplyResult atLeader = leaderTree.apply(zxid, txn);
            leader.onApplied(zxid, txn, atLeader);
            ApplyResult atFollower = followerTree.apply(zxid, txn);
            follower.onApplied(zxid, txn, atFollower);
        }
        leader.flush();
        follower.flush();
    }

    private RequestPipeline pipeline(int serverId, DataTree tree) {
        return new RequestPipeline(ServerConfig.defaults(), serverId, tree, new WatchManager(), new SessionTracker(),
                new RecordingProposer(proposed), clock);
    }
}
