package io.chorus.client;

import static io.chorus.client.NodeOperationsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.chorus.api.Acl;
import io.chorus.api.AsyncChorusClient;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.KeeperState;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import io.chorus.client.testkit.TcpProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionLifecycleTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void connectingEstablishesASessionAndTellsTheDefaultWatcher() throws Exception {
        EventLog defaultWatcher = new EventLog();

        BlockingChorusClient client = server.connect(defaultWatcher);

        assertThat(client.sessionId()).isNotZero();
        assertThat(client.sessionTimeoutMillis()).isEqualTo(LiveServer.SESSION_TIMEOUT_MILLIS);
        defaultWatcher.awaitState(KeeperState.SYNC_CONNECTED);
    }

    @Test
    void theServerMayGrantAnotherSessionTimeout() throws Exception {
        BlockingChorusClient client = server.connect(server.connectString(), null,
                config -> config.withSessionTimeoutMillis(1_000_000));

        assertThat(client.sessionTimeoutMillis()).isEqualTo(30_000);
    }

    @Test
    void closingTellsEveryWatcherAndLaterCallsFailWithSessionExpired() throws Exception {
        EventLog defaultWatcher = new EventLog();
        EventLog nodeWatcher = new EventLog();
        BlockingChorusClient client = server.connect(defaultWatcher);
        client.exists(server.root(client), nodeWatcher);

        client.close();
        client.close();

        defaultWatcher.awaitState(KeeperState.CLOSED);
        nodeWatcher.awaitState(KeeperState.CLOSED);
        assertThat(defaultWatcher.states()).containsExactly(KeeperState.SYNC_CONNECTED, KeeperState.CLOSED);
        assertCode(() -> client.exists("/", null), Code.SESSIONEXPIRED);
    }

    @Test
    void aWatcherMayCloseItsOwnClient() throws Exception {
        EventLog defaultWatcher = new EventLog();
        BlockingChorusClient client = server.connect(defaultWatcher);
        BlockingChorusClient other = server.connect();
        String path = server.root(other) + "/bye";
        client.exists(path, event -> {
            try {
                client.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        other.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        defaultWatcher.awaitState(KeeperState.CLOSED);
        assertCode(() -> client.exists("/", null), Code.SESSIONEXPIRED);
    }

    @Test
    void closingStopsTheClientsThreads() throws Exception {
        BlockingChorusClient client = ChorusClients.connect(
                ClientConfig.of(server.connectString(), LiveServer.SESSION_TIMEOUT_MILLIS), null);
        assertThat(clientThreads()).isPositive();

        client.close();

        await().atMost(EventLog.WAIT_MAX).until(() -> clientThreads() == 0);
    }

    @Test
    void anAsyncClientConnectsAndCloses() throws Exception {
        AsyncChorusClient client = ChorusClients.connectAsync(server.connectString(), LiveServer.SESSION_TIMEOUT_MILLIS,
                null).get(20, TimeUnit.SECONDS);

        String created = client.create("/async", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, -1)
                .get(10, TimeUnit.SECONDS).path();

        assertThat(created).isEqualTo("/async");
        client.closeAsync().get(20, TimeUnit.SECONDS);
        BlockingChorusClient observer = server.connect();
        assertThat(observer.exists("/async", null)).isNull();
    }

    @Test
    void noServerListeningFailsTheConnectClearlyWithinTheTimeout() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        ClientConfig config = ClientConfig.of("127.0.0.1:" + freePort, LiveServer.SESSION_TIMEOUT_MILLIS)
                .withConnectTimeoutMillis(500);

        ConnectFailedException failure = catchThrowableOfType(ConnectFailedException.class,
                () -> ChorusClients.connect(config, null));

        assertThat(failure.code()).isEqualTo(Code.CONNECTIONLOSS);
        assertThat(failure.getMessage()).contains("127.0.0.1:" + freePort).contains("connectTimeoutMillis 500")
                .contains("Connection refused");
        await().atMost(EventLog.WAIT_MAX).until(() -> clientThreads() == 0);
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeFailsTheConnect() throws Exception {
        TcpProxy silent = server.proxy();
        silent.blackhole();
        ClientConfig config = ClientConfig.of(silent.connectString(), LiveServer.SESSION_TIMEOUT_MILLIS)
                .withConnectTimeoutMillis(700)
                .withConnectAttemptTimeoutMillis(300);

        ConnectFailedException failure = catchThrowableOfType(ConnectFailedException.class,
                () -> ChorusClients.connect(config, null));

        assertThat(failure.getMessage()).contains("no session handshake");
    }

    @Test
    void closeGivesUpWaitingForTheServerAfterCloseTimeoutMillis() throws Exception {
        TcpProxy proxy = server.proxy();
        BlockingChorusClient client = server.connect(proxy.connectString(), null,
                config -> config.withSessionTimeoutMillis(30_000).withCloseTimeoutMillis(300));

        proxy.blackhole();
        CompletableFuture<Void> closing = client.async().closeAsync();

        // Unanswered, only the 300 ms bound ends it: the connection would be given up after 20 s of silence.
        assertThat(closing).succeedsWithin(Duration.ofSeconds(10));
        assertCode(() -> client.exists("/", null), Code.SESSIONEXPIRED);
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("chorus-client"))
                .count();
    }
}
