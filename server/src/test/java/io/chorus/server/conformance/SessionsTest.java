package io.chorus.server.conformance;

import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateRequest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions: negotiated timeouts, close, expiry, resuming from another connection, and a wrong password. */
@Timeout(60)
class SessionsTest {

    /** The shortest session the servers allow (their minimum), so expiry comes quickly. */
    private static final int SHORT_SESSION_MILLIS = ServerSettings.defaults().minSessionTimeoutMillis();
    /** Expiry is due after the timeout plus a tick; anything within this is on time. */
    private static final Duration EXPIRY_WAIT_MAX = Duration.ofSeconds(10);

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void theRequestedTimeoutIsClampedToTheServersBounds(ServerKind kind) throws Exception {
        ServerSettings bounds = ServerSettings.defaults();
        try (RawSession tooShort = servers.rawSession(kind, 10);
                RawSession tooLong = servers.rawSession(kind, 10 * bounds.maxSessionTimeoutMillis());
                RawSession inBounds = servers.rawSession(kind, 1234)) {
            assertThat(tooShort.negotiatedTimeoutMillis()).isEqualTo(bounds.minSessionTimeoutMillis());
            assertThat(tooLong.negotiatedTimeoutMillis()).isEqualTo(bounds.maxSessionTimeoutMillis());
            assertThat(inBounds.negotiatedTimeoutMillis()).isEqualTo(1234);
            assertThat(tooShort.sessionId()).isNotEqualTo(tooLong.sessionId()).isNotEqualTo(inBounds.sessionId());
        }
        ZooKeeper zk = servers.connect(kind, 10 * bounds.maxSessionTimeoutMillis(), new WatchEventLog());
        assertThat(zk.getSessionTimeout()).isEqualTo(bounds.maxSessionTimeoutMillis());
    }

    @OnEachServer
    void closingASessionDeletesItsEphemeralsAndWatchersSeeNodeDeleted(ServerKind kind) throws Exception {
        ZooKeeper owner = servers.connect(kind);
        ZooKeeper observer = servers.connect(kind);
        String root = servers.createTestRoot(observer);
        owner.create(root + "/e1", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        owner.create(root + "/e2-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        observer.create(root + "/mine", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        WatchEventLog events = new WatchEventLog();
        observer.exists(root + "/e1", events);
        observer.getChildren(root, events);

        owner.close();
        events.awaitNotification(EventType.NodeDeleted, root + "/e1");
        events.awaitNotification(EventType.NodeChildrenChanged, root);

        assertThat(observer.getChildren(root, false)).containsExactly("mine");
    }

    @OnEachServer
    void aSessionThatStopsPingingExpiresAndLosesItsEphemerals(ServerKind kind) throws Exception {
        ZooKeeper observer = servers.connect(kind);
        String root = servers.createTestRoot(observer);
        RawSession silent = servers.rawSession(kind, SHORT_SESSION_MILLIS);
        createEphemeral(silent, root + "/e");
        WatchEventLog events = new WatchEventLog();
        assertThat(observer.exists(root + "/e", events).getEphemeralOwner()).isEqualTo(silent.sessionId());

        silent.close();
        await("ephemeral of the silent session deleted").atMost(EXPIRY_WAIT_MAX)
                .until(() -> events.notifications().contains(
                        new WatchEventLog.Notification(EventType.NodeDeleted, root + "/e")));

        WatchEventLog resumed = new WatchEventLog();
        servers.resume(kind, silent.sessionId(), silent.password(), resumed);
        resumed.awaitState(KeeperState.Expired);
        assertThat(resumed.states()).doesNotContain(KeeperState.SyncConnected);
    }

    @OnEachServer
    void anotherClientResumingTheSessionKeepsItAndItsEphemerals(ServerKind kind) throws Exception {
        ZooKeeper observer = servers.connect(kind);
        String root = servers.createTestRoot(observer);
        RawSession first = servers.rawSession(kind, ConformanceServers.SESSION_TIMEOUT_MILLIS);
        createEphemeral(first, root + "/e");
        first.close();

        WatchEventLog resumedEvents = new WatchEventLog();
        ZooKeeper resumed = servers.resume(kind, first.sessionId(), first.password(), resumedEvents);
        resumedEvents.awaitState(KeeperState.SyncConnected);

        assertThat(resumed.getSessionId()).isEqualTo(first.sessionId());
        assertThat(resumed.getEphemerals(root)).containsExactly(root + "/e");
        assertThat(resumed.exists(root + "/e", false).getEphemeralOwner()).isEqualTo(first.sessionId());
        resumed.setData(root + "/e", bytes("still mine"), -1);

        resumed.close();
        assertThat(observer.exists(root + "/e", false)).isNull();
    }

    @OnEachServer
    void resumingWithAWrongPasswordIsRefusedAsExpiredAndLeavesTheSessionAlone(ServerKind kind) throws Exception {
        ZooKeeper observer = servers.connect(kind);
        String root = servers.createTestRoot(observer);
        RawSession owner = servers.rawSession(kind, ConformanceServers.SESSION_TIMEOUT_MILLIS);
        createEphemeral(owner, root + "/e");
        byte[] wrongPassword = owner.password();
        wrongPassword[0] ^= 1;

        WatchEventLog events = new WatchEventLog();
        servers.resume(kind, owner.sessionId(), wrongPassword, events);
        events.awaitState(KeeperState.Expired);

        assertThat(events.states()).doesNotContain(KeeperState.SyncConnected);
        Stat stat = observer.exists(root + "/e", false);
        assertThat(stat.getEphemeralOwner()).isEqualTo(owner.sessionId());
    }

    @OnEachServer
    void resumingASessionThatNeverExistedIsRefusedAsExpired(ServerKind kind) throws Exception {
        WatchEventLog events = new WatchEventLog();
        servers.resume(kind, 0x7eadbeefL, new byte[16], events);

        events.awaitState(KeeperState.Expired);
        assertThat(events.states()).doesNotContain(KeeperState.SyncConnected);
    }

    private static void createEphemeral(RawSession session, String path) throws Exception {
        RawSession.Reply reply = session.call(OpCode.create2,
                new CreateRequest(path, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL.toFlag()));
        assertThat(Code.get(reply.err())).isEqualTo(Code.OK);
        assertThat(reply.decode(new Create2Response()).getStat().getEphemeralOwner()).isEqualTo(session.sessionId());
    }
}
