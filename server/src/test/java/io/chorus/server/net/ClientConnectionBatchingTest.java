package io.chorus.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection hands the driver each socket read's requests as one batch, in order, and sends what the
 * driver wrote only when it flushes, in the order written.
 */
class ClientConnectionBatchingTest {
    private final List<String> events = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ClientConnection(new ClientRequestSink() {
        @Override
        public void connect(ClientChannel c, ConnectPacket p) {
            events.add("connect");
        }

        @Override
        public void request(ClientChannel c, RequestPacket p) {
            events.add("request " + p.xid());
        }

        @Override
        public void requests(ClientChannel c, List<RequestPacket> packets) {
            events.add("batch " + packets.stream().map(p -> Integer.toString(p.xid())).toList());
        }

        @Override
        public void disconnected(ClientChannel c) {
            events.add("disconnected");
        }
    }, 100));

    private ClientConnection connection() {
        return channel.pipeline().get(ClientConnection.class);
    }

    @Test
    void theRequestsOfOneReadReachTheSinkTogetherAfterTheConnect() {
        channel.writeInbound(new ConnectPacket(0, 0, 30_000, 0, new byte[16], false),
                RequestPacket.of(1, 4, null), RequestPacket.of(2, 4, null));
        channel.writeInbound(RequestPacket.of(3, 4, null));

        assertThat(events).containsExactly("connect", "batch [1, 2]", "batch [3]");
    }

    @Test
    void requestsOfAReadCutShortByTheConnectionClosingStillArriveBeforeTheDisconnect() {
        channel.pipeline().fireChannelRead(RequestPacket.of(7, 4, null));
        channel.close();

        assertThat(events).containsExactly("batch [7]", "disconnected");
    }

    @Test
    void writtenPacketsGoOutOnlyAtTheFlushInTheOrderWritten() {
        ClientConnection connection = connection();
        connection.write("first");
        connection.write("second");
        assertThat((Object) channel.readOutbound()).isNull();

        connection.flush();
        assertThat((Object) channel.readOutbound()).isEqualTo("first");
        assertThat((Object) channel.readOutbound()).isEqualTo("second");
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void closeSendsWhatWasWrittenBeforeClosing() {
        ClientConnection connection = connection();
        connection.write("last words");
        connection.close("test");
        channel.runPendingTasks();

        assertThat((Object) channel.readOutbound()).isEqualTo("last words");
        assertThat(channel.isOpen()).isFalse();
    }
}
