package io.chorus.client;

import static io.chorus.client.NodeOperationsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.KeeperState;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The size bounds against a real server: a reply too large drops the connection, a request too large is never sent. */
class FrameBoundsTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    /** Request header (8), path length (4), data length (4), version (4) around a setData's path and data. */
    private static final int SET_DATA_OVERHEAD_BYTES = 20;

    @Test
    void aReplyLargerThanMaxPacketBytesDropsTheConnectionButNotTheSession() throws Exception {
        BlockingChorusClient writer = server.connect();
        String root = server.root(writer);
        writer.create(root + "/big", new byte[8_192], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create(root + "/small", new byte[16], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog states = new EventLog();
        BlockingChorusClient reader = server.connect(server.connectString(), states,
                config -> config.withMaxPacketBytes(4_096));
        long sessionId = reader.sessionId();

        assertCode(() -> reader.getData(root + "/big", null), Code.CONNECTIONLOSS);

        states.awaitCount(e -> e.state() == KeeperState.SYNC_CONNECTED, 2);
        assertThat(reader.sessionId()).isEqualTo(sessionId);
        assertThat(reader.getData(root + "/small", null).data()).hasSize(16);
    }

    @Test
    void aRequestOfExactlyMaxRequestBytesIsSent() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/limit";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        int dataBytes = ClientConfig.DEFAULT_MAX_REQUEST_BYTES - SET_DATA_OVERHEAD_BYTES
                - path.getBytes(StandardCharsets.UTF_8).length;

        assertThat(client.setData(path, new byte[dataBytes], -1).dataLength()).isEqualTo(dataBytes);
    }

    @Test
    void aRequestOneByteOverMaxRequestBytesIsRefusedAndTheConnectionStays() throws Exception {
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(states);
        String path = server.root(client) + "/over";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        int dataBytes = ClientConfig.DEFAULT_MAX_REQUEST_BYTES - SET_DATA_OVERHEAD_BYTES
                - path.getBytes(StandardCharsets.UTF_8).length + 1;

        assertThatThrownBy(() -> client.setData(path, new byte[dataBytes], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRequestBytes");

        assertThat(client.getData(path, null).data()).isEmpty();
        assertThat(states.states()).containsExactly(KeeperState.SYNC_CONNECTED);
    }
}
