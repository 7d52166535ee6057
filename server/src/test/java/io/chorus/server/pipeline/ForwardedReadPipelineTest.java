package io.chorus.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.Clock;
import io.chorus.api.spi.Role;
import io.chorus.client.wire.JuteMapping;
import io.chorus.client.wire.OpCode;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.watch.WatchManager;
import io.chorus.server.config.ServerConfig;
import io.chorus.server.net.ConnectPacket;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.server.session.SessionTracker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.SetDataRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A follower's pipeline forwarding LEADER reads to a leader's pipeline, the messages between them carried (or
 * lost) by the test: the answer waits for the follower's own tree to catch up, a lost one is answered
 * CONNECTIONLOSS once overdue, and the session's queue goes on in order either way.
 */
class ForwardedReadPipelineTest {
    private static final int TIMEOUT_MILLIS = 6_000;

    private final List<Txn> proposed = new ArrayList<>();
    private long now;
    private final Clock clock = new TestClock(() -> now);
    private final DataTree leaderTree = new DataTree(TreeOptions.DEFAULTS);
    private final DataTree followerTree = new DataTree(TreeOptions.DEFAULTS);
    private final RecordingProposer atLeader = new RecordingProposer(proposed);
    private final RecordingProposer atFollower = new RecordingProposer(proposed);
    private final RequestPipeline leader = new RequestPipeline(ServerConfig.defaults(), 1, leaderTree,
            new WatchManager(), new SessionTracker(), atLeader, clock);
    private final RequestPipeline follower = new RequestPipeline(ServerConfig.defaults(), 2, followerTree,
            new WatchManager(), new SessionTracker(), atFollower, clock);
    private final RecordingChannel client = new RecordingChannel();
    private long zxid;
    private int xid = 1;

    @BeforeEach
    void aSessionOnTheFollowerWithANode() {
        leader.servingAs(Role.LEADER);
        follower.servingAs(Role.FOLLOWER);
        atFollower.knowsLeader = true;
        follower.onConnect(client, new ConnectPacket(0, 0, TIMEOUT_MILLIS, 0, new byte[16], false), now);
        applyTo(true, true);
        follower.onRequest(client, RequestPacket.of(xid++, OpCode.CREATE, new CreateRequest("/k", bytes("v1"),
                JuteMapping.toJute(Acl.OPEN_ACL_UNSAFE), 0)), now);
        applyTo(true, true);
        client.written.clear();
    }

    @Test
    void theLeadersAnswerWaitsUntilTheFollowerHasAppliedWhatItReflects() {
        follower.onRequest(client, RequestPacket.of(xid++, OpCode.SET_DATA, new SetDataRequest("/k", bytes("v2"),
                -1)), now);
        applyTo(true, false); // the leader has applied v2, the follower not yet
        int read = xid++;
        follower.onRequest(client, RequestPacket.read(read, OpCode.GET_DATA, new GetDataRequest("/k", false),
                ReadConsistency.LEADER), now);
        assertThat(atFollower.toLeader).as("the read waits behind the session's own write").isEmpty();

        applyTo(false, true); // the write applies at the follower: answered, and the read goes to the leader
        deliverToLeader();
        deliverToFollower();
        ReplyPacket reply = lastReply();
        assertThat(reply.header().getXid()).isEqualTo(read);
        assertThat(new String(((GetDataResponse) reply.body()).getData(), StandardCharsets.UTF_8)).isEqualTo("v2");
        assertThat(reply.header().getZxid()).isEqualTo(zxid);
    }

    @Test
    void anAnswerFromAStateAheadOfTheFollowerIsHeldUntilTheFollowerGetsThere() {
        int read = xid++;
        follower.onRequest(client, RequestPacket.read(read, OpCode.GET_DATA, new GetDataRequest("/k", false),
                ReadConsistency.LEADER), now);
        leader.onRequest(leaderClient(), RequestPacket.of(1, OpCode.SET_DATA, new SetDataRequest("/k", bytes("v3"),
                -1)), now);
        applyTo(true, false); // the leader is ahead when it serves the read
        deliverToLeader();
        deliverToFollower();
        assertThat(client.written).as("no answer while the follower is behind the state served").isEmpty();

        applyTo(false, true);
        ReplyPacket reply = lastReply();
        assertThat(reply.header().getXid()).isEqualTo(read);
        assertThat(new String(((GetDataResponse) reply.body()).getData(), StandardCharsets.UTF_8)).isEqualTo("v3");
    }

    @Test
    void aLostForwardIsAnsweredConnectionLossOnceOverdueAndTheQueueGoesOn() {
        int lost = xid++;
        follower.onRequest(client, RequestPacket.read(lost, OpCode.GET_DATA, new GetDataRequest("/k", false),
                ReadConsistency.LEADER), now);
        int local = xid++;
        follower.onRequest(client, RequestPacket.of(local, OpCode.GET_DATA, new GetDataRequest("/k", false)), now);
        atFollower.toLeader.clear(); // the message is lost with the leader's connection

        now += TIMEOUT_MILLIS / 2;
        follower.onTick(Role.FOLLOWER, now, report -> { });
        assertThat(client.written).as("not yet overdue").isEmpty();
        now += 1;
        follower.onTick(Role.FOLLOWER, now, report -> { });
        follower.flush();
        assertThat(client.written).hasSize(2);
        ReplyPacket first = (ReplyPacket) client.written.get(0);
        assertThat(first.header().getXid()).isEqualTo(lost);
        assertThat(first.header().getErr()).isEqualTo(Code.CONNECTIONLOSS.intValue());
        ReplyPacket second = (ReplyPacket) client.written.get(1);
        assertThat(second.header().getXid()).isEqualTo(local);
        assertThat(second.header().getErr()).isZero();
    }

    @Test
    void aReadForwardedToAServerThatDoesNotLeadOrWithNoLeaderKnownIsAnsweredConnectionLoss() {
        int read = xid++;
        follower.onRequest(client, RequestPacket.read(read, OpCode.GET_DATA, new GetDataRequest("/k", false),
                ReadConsistency.LINEARIZABLE), now);
        for (byte[] message : atFollower.toLeader) {
            follower.onAppMessage(2, message, now); // sent to a server that only follows
        }
        atFollower.toLeader.clear();
        for (byte[] message : atFollower.toFollowers) {
            follower.onAppMessage(2, message, now);
        }
        follower.flush();
        assertThat(lastReply().header().getErr()).isEqualTo(Code.CONNECTIONLOSS.intValue());

        atFollower.knowsLeader = false;
        follower.onRequest(client, RequestPacket.read(xid++, OpCode.GET_DATA, new GetDataRequest("/k", false),
                ReadConsistency.LEADER), now);
        follower.flush();
        assertThat(lastReply().header().getErr()).isEqualTo(Code.CONNECTIONLOSS.intValue());
    }

    private RecordingChannel leaderClient() {
        RecordingChannel other = new RecordingChannel();
        leader.onConnect(other, new ConnectPacket(0, 0, TIMEOUT_MILLIS, 0, new byte[16], false), now);
        applyTo(true, true);
        return other;
    }

    private void deliverToLeader() {
        for (byte[] message : atFollower.toLeader) {
            leader.onAppMessage(2, message, now);
        }
        atFollower.toLeader.clear();
    }

    private void deliverToFollower() {
        for (byte[] message : atLeader.toFollowers) {
            follower.onAppMessage(1, message, now);
        }
        atLeader.toFollowers.clear();
        follower.flush();
    }

    /** Transactions the leader applied that the follower has not yet, with their zxids. */
    private final List<Txn> followerBacklog = new ArrayList<>();

    /** The leader applies what was proposed, in order; the follower too when {@code followerToo}, else later. */
    private void applyTo(boolean leaderToo, boolean followerToo) {
        if (leaderToo) {
            for (Txn txn : List.copyOf(proposed)) {
                zxid++;
                leader.onApplied(zxid, txn, leaderTree.apply(zxid, txn));
                followerBacklog.add(txn);
            }
            proposed.clear();
        }
        if (followerToo) {
            for (Txn txn : List.copyOf(followerBacklog)) {
                long z = followerTree.lastAppliedZxid() + 1;
                follower.onApplied(z, txn, followerTree.apply(z, txn));
            }
            followerBacklog.clear();
        }
        leader.flush();
        follower.flush();
    }

    private ReplyPacket lastReply() {
        return (ReplyPacket) client.written.get(client.written.size() - 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
