package io.chorus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.KeeperState;
import io.chorus.api.NodeData;
import io.chorus.api.Stat;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import io.chorus.client.testkit.ScriptedServer;
import io.chorus.client.wire.OpCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.zookeeper.proto.ExistsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a misbehaving server gets: a dropped connection and clear errors, and the client carries on. */
class ProtocolErrorsTest {
    private static final long WAIT_SECONDS = EventLog.WAIT_MAX.toSeconds();
    private static final org.apache.zookeeper.data.Stat SOME_STAT =
            new org.apache.zookeeper.data.Stat(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    private ScriptedServer server;
    private BlockingChorusClient client;

    @AfterEach
    void closeAll() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReplyOutOfOrderDropsTheConnectionAndFailsWhatWasInFlight() throws Exception {
        EventLog states = new EventLog();
        server = new ScriptedServer((request, replier) -> {
            if (request.type() == OpCode.EXISTS) {
                replier.reply(request.xid() + 1, 5, 0, new ExistsResponse(SOME_STAT));
            }
        });
        client = connect(states, config -> config);

        assertCode(client.async().exists("/x", null), Code.CONNECTIONLOSS);

        states.awaitState(KeeperState.DISCONNECTED);
        states.awaitCount(e -> e.state() == KeeperState.SYNC_CONNECTED, 2);
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void aMalformedReplyFailsItsCallWithMarshallingError() throws Exception {
        server = new ScriptedServer((request, replier) -> {
            if (request.type() == OpCode.EXISTS) {
                replier.reply(request.xid(), 5, 0, null);
            }
        });
        client = connect(new EventLog(), config -> config);

        assertCode(client.async().exists("/x", null), Code.MARSHALLINGERROR);
    }

    @Test
    void aFrameAboveMaxPacketBytesDropsTheConnection() throws Exception {
        EventLog states = new EventLog();
        server = new ScriptedServer((request, replier) -> replier.rawFrame(4_096, 16));
        client = connect(states, config -> config.withMaxPacketBytes(4_095));

        assertCode(client.async().exists("/x", null), Code.CONNECTIONLOSS);

        states.awaitState(KeeperState.DISCONNECTED);
    }

    @Test
    void aFrameOfExactlyMaxPacketBytesIsAccepted() throws Exception {
        server = new ScriptedServer((request, replier) -> {
            // A reply header (16 bytes) and a stat (68 bytes), padded with ignored bytes to the bound.
            replier.reply(request.xid(), 5, 0, new PaddedStat(SOME_STAT, 1_024 - 16 - 68));
        });
        client = connect(new EventLog(), config -> config.withMaxPacketBytes(1_024));

        Stat stat = client.exists("/x", null);

        assertThat(stat.czxid()).isEqualTo(1);
    }

    @Test
    void aMissingReplyTimesOutAndDropsTheConnection() throws Exception {
        EventLog states = new EventLog();
        server = new ScriptedServer((request, replier) -> {
            // Never answers; pings are still answered, so only the request timeout notices.
        });
        client = connect(states, config -> config.withRequestTimeoutMillis(300));

        CompletableFuture<NodeData> first = client.async().getData("/a", null);
        CompletableFuture<NodeData> second = client.async().getData("/b", null);

        assertCode(first, Code.REQUESTTIMEOUT);
        assertCode(second, Code.CONNECTIONLOSS);
        states.awaitState(KeeperState.DISCONNECTED);
    }

    @Test
    void callsBeyondMaxInFlightRequestsAreThrottled() throws Exception {
        server = new ScriptedServer((request, replier) -> {
            // Never answers.
        });
        client = connect(new EventLog(), config -> config.withMaxInFlightRequests(2));

        CompletableFuture<NodeData> first = client.async().getData("/a", null);
        CompletableFuture<NodeData> second = client.async().getData("/b", null);
        CompletableFuture<NodeData> third = client.async().getData("/c", null);

        assertCode(third, Code.THROTTLEDOP);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
    }

    @Test
    void xidsIncreaseFromRequestToRequest() throws Exception {
        server = new ScriptedServer((request, replier) -> replier.reply(request.xid(), 5, 0,
                new ExistsResponse(SOME_STAT)));
        client = connect(new EventLog(), config -> config);

        client.exists("/a", null);
        client.exists("/b", null);
        client.exists("/c", null);

        assertThat(server.received()).extracting(ScriptedServer.Request::xid).containsExactly(1, 2, 3);
    }

    private BlockingChorusClient connect(EventLog states, UnaryOperator<ClientConfig> adjust) throws Exception {
        ClientConfig config = adjust.apply(ClientConfig.of(server.connectString(), LiveServer.SESSION_TIMEOUT_MILLIS)
                .withConnectTimeoutMillis(10_000));
        return ChorusClients.connect(config, states);
    }

    private static void assertCode(CompletableFuture<?> future, Code code) {
        assertThatThrownBy(() -> future.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(((ChorusException) e.getCause()).code()).isEqualTo(code));
    }

    /** A stat followed by bytes the client does not read: a reply frame of a chosen size. */
    private record PaddedStat(org.apache.zookeeper.data.Stat stat, int paddingBytes) implements org.apache.jute.Record {
        @Override
        public void serialize(org.apache.jute.OutputArchive archive, String tag) throws java.io.IOException {
            stat.serialize(archive, tag);
            for (int i = 0; i < paddingBytes; i++) {
                archive.writeByte((byte) 0, tag);
            }
        }

        @Override
        public void deserialize(org.apache.jute.InputArchive archive, String tag) {
            throw new UnsupportedOperationException("written only");
        }
    }
}
