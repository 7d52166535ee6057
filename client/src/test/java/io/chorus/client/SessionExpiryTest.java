package io.chorus.client;

import static io.chorus.client.NodeOperationsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.KeeperState;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import io.chorus.client.testkit.TcpProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session the server stops hearing from expires; the client learns it on reconnecting and stays down. */
class SessionExpiryTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    private static final int SHORT_SESSION_TIMEOUT_MILLIS = 1_000;

    @Test
    void aPartitionedSessionExpiresAndTheClientIsToldOnReconnecting() throws Exception {
        TcpProxy proxy = server.proxy();
        EventLog states = new EventLog();
        EventLog nodeWatcher = new EventLog();
        BlockingChorusClient client = server.connect(proxy.connectString(), states,
                config -> config.withSessionTimeoutMillis(SHORT_SESSION_TIMEOUT_MILLIS)
                        .withConnectAttemptTimeoutMillis(500)
                        .withReconnectBackoffMillis(config.reconnectBackoffMinMillis(), 200));
        BlockingChorusClient observer = server.connect();
        String path = server.root(observer) + "/short-lived";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        client.exists(path, nodeWatcher);

        proxy.blackhole();
        states.awaitState(KeeperState.DISCONNECTED);
        await("the server expires the session").atMost(EventLog.WAIT_MAX)
                .until(() -> observer.exists(path, null) == null);
        proxy.resume();

        states.awaitState(KeeperState.EXPIRED);
        nodeWatcher.awaitState(KeeperState.EXPIRED);
        assertCode(() -> client.exists("/", null), Code.SESSIONEXPIRED);
        assertThat(states.states()).containsExactly(KeeperState.SYNC_CONNECTED, KeeperState.DISCONNECTED,
                KeeperState.EXPIRED);
    }

    @Test
    void heartbeatsKeepAnIdleSessionAlive() throws Exception {
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(server.connectString(), states,
                config -> config.withSessionTimeoutMillis(SHORT_SESSION_TIMEOUT_MILLIS));
        BlockingChorusClient observer = server.connect();
        String path = server.root(observer) + "/kept";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        // Stay idle for three session timeouts, watching the node from another session.
        await().pollDelay(Duration.ofMillis(3L * SHORT_SESSION_TIMEOUT_MILLIS))
                .atMost(EventLog.WAIT_MAX).until(() -> observer.exists(path, null) != null);

        assertThat(states.states()).containsExactly(KeeperState.SYNC_CONNECTED);
    }
}
