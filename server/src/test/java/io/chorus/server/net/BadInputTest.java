package io.chorus.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.ReadConsistency;
import io.chorus.client.wire.ConsistentReadRequest;
import io.chorus.client.wire.OpCode;
import io.chorus.server.ChorusServer;
import io.chorus.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, truncated, oversized and unknown input on raw sockets: each gets a clean close or an
 * error reply, and a well-behaved session on the same server carries on with its data intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final int MAX_PACKET_BYTES = 64 * 1024;

    private ChorusServer server;
    private ZooKeeper healthy;

    @BeforeAll
    void startServer(@TempDir Path dataDir) throws Exception {
        server = ChorusServer.start(ServerConfig.builder().clientPort(0).dataDir(dataDir)
                .maxPacketBytes(MAX_PACKET_BYTES).maxClientConnectionsPerAddress(0).build());
        healthy = new ZooKeeper("127.0.0.1:" + server.clientPort(), 30_000, event -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy.getState().isConnected());
        healthy.create("/acknowledged", "before".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT);
    }

    @AfterAll
    void stopServer() throws Exception {
        healthy.close();
        server.close();
    }

    @BeforeEach
    @AfterEach
    void healthySessionStillWorks() throws Exception {
        assertThat(new String(healthy.getData("/acknowledged", false, null), StandardCharsets.UTF_8))
                .isEqualTo("before");
        String path = healthy.create("/probe-", new byte[1], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_SEQUENTIAL);
        healthy.delete(path, -1);
    }

    @Test
    void garbageInsteadOfConnectRequestClosesTheConnection() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.sendFrame("this is not a connect request".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void negativeLengthClosesTheConnection() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3});
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void frameLargerThanTheLimitClosesTheConnection() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.handshake();
            raw.sendFrame(new byte[MAX_PACKET_BYTES + 1]);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void truncatedFrameFollowedByHangUpLeavesTheServerServing() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.handshake();
            raw.sendRaw(new byte[] {0, 0, 1, 0, 1, 2, 3});
        }
    }

    @Test
    void requestTooShortForItsHeaderClosesTheConnection() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.handshake();
            raw.sendFrame(new byte[] {0, 0, 0, 1});
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void unknownOpcodeIsAnsweredUnimplementedThenClosed() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.handshake();
            raw.sendFrame(RawClient.encode(new RequestHeader(7, 4242)));
            ReplyHeader reply = raw.readReplyHeader();
            assertThat(reply.getXid()).isEqualTo(7);
            assertThat(reply.getErr()).isEqualTo(KeeperException.Code.UNIMPLEMENTED.intValue());
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void malformedBodyIsAnsweredWithMarshallingErrorAndTheSessionGoesOn() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.handshake();
            // A create whose path claims to be longer than the whole packet.
            byte[] header = RawClient.encode(new RequestHeader(1, ZooDefs.OpCode.create));
            byte[] frame = new byte[header.length + 4];
            System.arraycopy(header, 0, frame, 0, header.length);
            frame[header.length] = 0x7f;
            raw.sendFrame(frame);
            ReplyHeader reply = raw.readReplyHeader();
            assertThat(reply.getXid()).isEqualTo(1);
            assertThat(reply.getErr()).isEqualTo(KeeperException.Code.MARSHALLINGERROR.intValue());

            raw.sendFrame(RawClient.encode(new RequestHeader(-2, ZooDefs.OpCode.ping)));
            assertThat(raw.readReplyHeader().getErr()).isZero();
        }
    }

    /** A Chorus read naming an unknown consistency, or wrapping a request that is not a read of the tree. */
    @Test
    void malformedConsistentReadsAreAnsweredWithMarshallingErrorAndTheSessionGoesOn() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.handshake();
            java.nio.ByteBuffer unknownConsistency = java.nio.ByteBuffer.allocate(8).putInt(9)
                    .putInt(ZooDefs.OpCode.getData);
            raw.sendFrame(concat(RawClient.encode(new RequestHeader(1, OpCode.CHORUS_READ)),
                    unknownConsistency.array(), RawClient.encode(new GetDataRequest("/acknowledged", false))));
            assertThat(raw.readReplyHeader().getErr()).isEqualTo(KeeperException.Code.MARSHALLINGERROR.intValue());

            java.nio.ByteBuffer notARead = java.nio.ByteBuffer.allocate(8)
                    .putInt(ReadConsistency.LINEARIZABLE.wireValue()).putInt(ZooDefs.OpCode.delete);
            raw.sendFrame(concat(RawClient.encode(new RequestHeader(2, OpCode.CHORUS_READ)), notARead.array(),
                    RawClient.encode(new org.apache.zookeeper.proto.DeleteRequest("/acknowledged", -1))));
            assertThat(raw.readReplyHeader().getErr()).isEqualTo(KeeperException.Code.MARSHALLINGERROR.intValue());

            raw.sendFrame(concat(RawClient.encode(new RequestHeader(3, OpCode.CHORUS_SET_READ_CONSISTENCY)),
                    java.nio.ByteBuffer.allocate(4).putInt(-1).array()));
            assertThat(raw.readReplyHeader().getErr()).isEqualTo(KeeperException.Code.MARSHALLINGERROR.intValue());

            // well-formed, on the same connection: a linearizable read of what was acknowledged
            raw.sendFrame(RawClient.encode(new RequestHeader(4, OpCode.CHORUS_READ), new ConsistentReadRequest(
                    ReadConsistency.LINEARIZABLE, ZooDefs.OpCode.getData, new GetDataRequest("/acknowledged", false))));
            byte[] reply = raw.readFrame();
            GetDataResponse data = new GetDataResponse();
            org.apache.jute.BinaryInputArchive in = org.apache.jute.BinaryInputArchive.getArchive(
                    new java.io.ByteArrayInputStream(reply));
            ReplyHeader header = new ReplyHeader();
            header.deserialize(in, "header");
            data.deserialize(in, "response");
            assertThat(header.getXid()).isEqualTo(4);
            assertThat(header.getErr()).isZero();
            assertThat(new String(data.getData(), StandardCharsets.UTF_8)).isEqualTo("before");
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void nullPathCostsOnlyItsOwnConnection() throws IOException {
        try (RawClient raw = new RawClient(server.clientPort())) {
            raw.handshake();
            raw.sendFrame(RawClient.encode(new RequestHeader(3, ZooDefs.OpCode.getData),
                    new org.apache.zookeeper.proto.GetDataRequest(null, false)));
            ReplyHeader reply = raw.readReplyHeader();
            assertThat(reply.getXid()).isEqualTo(3);
            assertThat(reply.getErr()).isNotZero();
        }
    }
}
