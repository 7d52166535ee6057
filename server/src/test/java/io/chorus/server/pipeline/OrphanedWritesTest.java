package io.chorus.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.Clock;
import io.chorus.client.wire.OpCode;
import io.chorus.datatree.ApplyResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.watch.WatchManager;
import io.chorus.server.config.ServerConfig;
import io.chorus.server.net.ClientChannel;
import io.chorus.server.net.ClientConnection;
import io.chorus.server.net.ClientRequestSink;
import io.chorus.server.net.ConnectPacket;
import io.chorus.server.net.ConnectReplyPacket;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.server.session.SessionTracker;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateRequest;
import org.junit.jupiter.api.Test;

/**
 * A client that loses its connection while a write is in flight and comes back on a new one: the old
 * write still applies, but its result must not answer the new connection's request with the same xid.
 * Driven step by step, with the pipeline's transactions applied by hand.
 */
class OrphanedWritesTest {
    private final DataTree tree = new DataTree(TreeOptions.DEFAULTS);
    private final List<Txn> proposed = new ArrayList<>();
    private final RequestPipeline pipeline = new RequestPipeline(ServerConfig.defaults(), 1, tree, new WatchManager(),
            new SessionTracker(), new RecordingProposer(proposed), Clock.SYSTEM);
    private long zxid;

    @Test
    void writeInFlightWhenTheConnectionDropsDoesNotAnswerTheNextConnection() {
        EmbeddedChannel first = channel();
        pipeline.onConnect(connection(first), new ConnectPacket(0, 0, 30_000, 0, new byte[16], false), 0);
        applyAll();
        ConnectReplyPacket connected = first.readOutbound();
        long sessionId = connected.response().getSessionId();

        pipeline.onRequest(connection(first), create(1, "/old"), 0);
        pipeline.onDisconnected(connection(first));

        EmbeddedChannel second = channel();
        pipeline.onConnect(connection(second), new ConnectPacket(0, 0, 30_000, sessionId,
                connected.response().getPasswd(), false), 0);
        pipeline.flush();
        assertThat((ConnectReplyPacket) second.readOutbound()).extracting(r -> r.response().getTimeOut())
                .isEqualTo(30_000);
        pipeline.onRequest(connection(second), create(1, "/new"), 0);

        applyAll();
        ReplyPacket reply = second.readOutbound();
        assertThat(reply.header().getXid()).isEqualTo(1);
        assertThat(((Create2Response) reply.body()).getPath()).isEqualTo("/new");
        assertThat((Object) second.readOutbound()).isNull();
        assertThat(tree.exists("/old")).isNotNull();
    }

    private void applyAll() {
        List<Txn> batch = new ArrayList<>(proposed);
        proposed.clear();
        for (Txn txn : batch) {
            ApplyResult result = tree.apply(++zxid, txn);
            pipeline.onApplied(zxid, txn, result);
        }
        pipeline.flush();
    }

    private static RequestPacket create(int xid, String path) {
        return RequestPacket.of(xid, OpCode.CREATE2,
                new CreateRequest(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, 0));
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new ClientConnection(new ClientRequestSink() {
            @Override
            public void connect(ClientChannel c, ConnectPacket p) {
            }

            @Override
            public void request(ClientChannel c, RequestPacket p) {
            }

            @Override
            public void disconnected(ClientChannel c) {
            }
        }, 100));
    }

    private static ClientConnection connection(EmbeddedChannel channel) {
        return channel.pipeline().get(ClientConnection.class);
    }
}
