package io.chorus.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.server.ChorusServer;
import io.chorus.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-address connection bound and the per-connection outstanding-request bound, past their limits. */
class ConnectionBoundsTest {
    @TempDir
    Path dataDir;
    private ChorusServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectionBeyondThePerAddressLimitIsClosedAndTheOthersCarryOn() throws Exception {
        server = ChorusServer.start(ServerConfig.builder().clientPort(0).dataDir(dataDir)
                .maxClientConnectionsPerAddress(2).build());
        try (RawClient first = new RawClient(server.clientPort());
                RawClient second = new RawClient(server.clientPort())) {
            first.handshake();
            second.handshake();
            try (RawClient third = new RawClient(server.clientPort())) {
                assertThat(third.closedByServer()).isTrue();
            }
            for (RawClient c : new RawClient[] {first, second}) {
                c.sendFrame(RawClient.encode(new RequestHeader(-2, ZooDefs.OpCode.ping)));
                assertThat(c.readReplyHeader().getErr()).isZero();
            }
        }
        // Once one closes, the address may connect again: as soon as the server has seen the close, which
        // happens on its event loop after ours returns.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            try (RawClient again = new RawClient(server.clientPort())) {
                assertThat(again.handshake()).isPositive();
            }
        });
    }

    @Test
    void requestsBeyondTheOutstandingLimitAreAllAnsweredInOrder() throws Exception {
        int limit = 4;
        int sent = 25 * limit;
        server = ChorusServer.start(ServerConfig.builder().clientPort(0).dataDir(dataDir)
                .maxOutstandingRequestsPerConnection(limit).build());
        try (RawClient client = new RawClient(server.clientPort())) {
            client.handshake();
            // Everything goes out in one write before any reply is read: far past the bound.
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int xid = 1; xid <= sent; xid++) {
                byte[] request = RawClient.encode(new RequestHeader(xid, ZooDefs.OpCode.getData),
                        new GetDataRequest("/zookeeper", false));
                burst.write(new byte[] {(byte) (request.length >>> 24), (byte) (request.length >>> 16),
                        (byte) (request.length >>> 8), (byte) request.length});
                burst.write(request);
            }
            client.sendRaw(burst.toByteArray());
            for (int xid = 1; xid <= sent; xid++) {
                ReplyHeader reply = client.readReplyHeader();
                assertThat(reply.getXid()).isEqualTo(xid);
                assertThat(reply.getErr()).isZero();
            }
        }
    }
}
