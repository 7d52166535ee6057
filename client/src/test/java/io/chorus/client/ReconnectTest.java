package io.chorus.client;

import static io.chorus.client.NodeOperationsTest.assertCode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.AddWatchMode;
import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.api.KeeperState;
import io.chorus.api.NodeData;
import io.chorus.api.WatcherType;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import io.chorus.client.testkit.TcpProxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Losing the connection is not losing the session: the client reconnects and carries on where it was. */
class ReconnectTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void aCutConnectionIsResumedWithTheSameSessionAndItsEphemerals() throws Exception {
        TcpProxy proxy = server.proxy();
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(proxy.connectString(), states, config -> config);
        BlockingChorusClient observer = server.connect();
        String path = server.root(observer) + "/mine";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        long sessionId = client.sessionId();

        proxy.cut();
        states.awaitState(KeeperState.DISCONNECTED);
        proxy.resume();
        states.awaitCount(e -> e.state() == KeeperState.SYNC_CONNECTED, 2);

        assertThat(client.sessionId()).isEqualTo(sessionId);
        assertThat(observer.exists(path, null).ephemeralOwner()).isEqualTo(sessionId);
        assertThat(client.getEphemerals(path)).containsExactly(path);
        assertThat(states.states()).containsExactly(KeeperState.SYNC_CONNECTED, KeeperState.DISCONNECTED,
                KeeperState.SYNC_CONNECTED);
    }

    @Test
    void aLostConnectionMovesToTheNextServerOfTheConnectString() throws Exception {
        TcpProxy first = server.proxy();
        TcpProxy second = server.proxy();
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(first.connectString() + "," + second.connectString(), states,
                config -> config);
        long sessionId = client.sessionId();

        first.cut();
        states.awaitCount(e -> e.state() == KeeperState.SYNC_CONNECTED, 2);

        assertThat(client.sessionId()).isEqualTo(sessionId);
        assertThat(client.exists("/", null)).as("served through the second server while the first is down").isNotNull();
    }

    @Test
    void aServerThatIsDownIsSkippedWhenConnecting() throws Exception {
        TcpProxy down = server.proxy();
        down.cut();

        BlockingChorusClient client = server.connect(down.connectString() + "," + server.connectString(), null,
                config -> config);

        assertThat(client.exists("/", null)).isNotNull();
    }

    @Test
    void whileDisconnectedCallsFailAtOnceWithConnectionLoss() throws Exception {
        TcpProxy proxy = server.proxy();
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(proxy.connectString(), states, config -> config);

        proxy.cut();
        states.awaitState(KeeperState.DISCONNECTED);

        assertCode(() -> client.exists("/", null), Code.CONNECTIONLOSS);
        assertCode(() -> client.addAuthInfo("digest", "a:b".getBytes(UTF_8)), Code.CONNECTIONLOSS);
    }

    @Test
    void requestsInFlightWhenTheConnectionDropsFailWithConnectionLoss() throws Exception {
        TcpProxy proxy = server.proxy();
        BlockingChorusClient client = server.connect(proxy.connectString(), null, config -> config);

        proxy.blackhole();
        CompletableFuture<NodeData> inFlight = client.async().getData("/", null);
        assertThat(inFlight).isNotDone();
        proxy.cut();

        assertThatThrownBy(() -> inFlight.get(EventLog.WAIT_MAX.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(((ChorusException) e.getCause()).code()).isEqualTo(Code.CONNECTIONLOSS));
    }

    @Test
    void watchesAreRegisteredAgainAndFireForChangesMissedWhileDisconnected() throws Exception {
        TcpProxy proxy = server.proxy();
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(proxy.connectString(), states, config -> config);
        BlockingChorusClient other = server.connect();
        String root = server.root(other);
        other.create(root + "/data", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        other.create(root + "/parent", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog dataWatcher = new EventLog();
        EventLog existWatcher = new EventLog();
        EventLog childWatcher = new EventLog();
        client.getData(root + "/data", dataWatcher);
        client.exists(root + "/later", existWatcher);
        client.getChildren(root + "/parent", childWatcher);

        proxy.cut();
        states.awaitState(KeeperState.DISCONNECTED);
        other.setData(root + "/data", "changed".getBytes(UTF_8), -1);
        other.create(root + "/later", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        other.create(root + "/parent/kid", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        proxy.resume();

        dataWatcher.awaitEvent(EventType.NODE_DATA_CHANGED, root + "/data");
        existWatcher.awaitEvent(EventType.NODE_CREATED, root + "/later");
        childWatcher.awaitEvent(EventType.NODE_CHILDREN_CHANGED, root + "/parent");
        assertThat(dataWatcher.states()).as("every watcher hears of the disconnection")
                .containsExactly(KeeperState.DISCONNECTED, KeeperState.SYNC_CONNECTED);
    }

    @Test
    void persistentWatchesKeepFiringAfterAReconnect() throws Exception {
        TcpProxy proxy = server.proxy();
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(proxy.connectString(), states, config -> config);
        BlockingChorusClient other = server.connect();
        String root = server.root(other);
        EventLog recursive = new EventLog();
        client.addWatch(root, recursive, AddWatchMode.PERSISTENT_RECURSIVE);

        proxy.cut();
        states.awaitState(KeeperState.DISCONNECTED);
        proxy.resume();
        states.awaitCount(e -> e.state() == KeeperState.SYNC_CONNECTED, 2);
        other.create(root + "/after", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        recursive.awaitEvent(EventType.NODE_CREATED, root + "/after");
    }

    @Test
    void credentialsArePresentedAgainAfterAReconnect() throws Exception {
        TcpProxy proxy = server.proxy();
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(proxy.connectString(), states, config -> config);
        String path = server.root(client) + "/secure";
        client.addAuthInfo("digest", "dave:pw".getBytes(UTF_8));
        client.create(path, "s".getBytes(UTF_8), Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT);

        proxy.cut();
        states.awaitState(KeeperState.DISCONNECTED);
        proxy.resume();
        states.awaitCount(e -> e.state() == KeeperState.SYNC_CONNECTED, 2);

        assertThat(client.getData(path, null).data()).asString(UTF_8).isEqualTo("s");
    }

    @Test
    void aLocalRemovalWorksWhileDisconnected() throws Exception {
        TcpProxy proxy = server.proxy();
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(proxy.connectString(), states, config -> config);
        String root = server.root(client);
        EventLog watcher = new EventLog();
        client.getData(root, watcher);

        proxy.cut();
        states.awaitState(KeeperState.DISCONNECTED);
        client.removeWatches(root, watcher, WatcherType.DATA, true);

        watcher.awaitEvent(EventType.DATA_WATCH_REMOVED, root);
        assertThat(watcher.events()).last().satisfies(e -> assertThat(e.state()).isEqualTo(KeeperState.DISCONNECTED));
        assertCode(() -> client.removeWatches(root, watcher, WatcherType.DATA, false), Code.NOWATCHER);
    }

    @Test
    void aServerRestartKeepsTheSession() throws Exception {
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(server.connectString(), states, config -> config);
        String path = server.root(client) + "/survivor";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        long sessionId = client.sessionId();

        server.restart();
        states.awaitCount(e -> e.state() == KeeperState.SYNC_CONNECTED, 2);

        assertThat(client.sessionId()).isEqualTo(sessionId);
        assertThat(client.exists(path, null).ephemeralOwner()).isEqualTo(sessionId);
        assertThat(states.states()).contains(KeeperState.DISCONNECTED).doesNotContain(KeeperState.EXPIRED);
    }
}
