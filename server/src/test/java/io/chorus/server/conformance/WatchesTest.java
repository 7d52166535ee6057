package io.chorus.server.conformance;

import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.server.conformance.WatchEventLog.Notification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One-shot data, exists and child watches; persistent and persistent-recursive watches; removing watches; and the
 * ordering guarantee. "Exactly these events" is checked after a {@link DeliveryBarrier}, so a missing or extra
 * event is seen without sleeping.
 */
@Timeout(60)
class WatchesTest {

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void aDataWatchFiresOnceForTheFirstOfSeveralChanges(ServerKind kind) throws Exception {
        ZooKeeper watcher = servers.connect(kind);
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        writer.create(root + "/n", bytes("0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchEventLog events = new WatchEventLog();
        watcher.getData(root + "/n", events, null);

        writer.setData(root + "/n", bytes("1"), -1);
        writer.setData(root + "/n", bytes("2"), -1);
        writer.delete(root + "/n", -1);
        DeliveryBarrier.pass(watcher);

        assertThat(events.notifications()).containsExactly(new Notification(EventType.NodeDataChanged, root + "/n"));
    }

    @OnEachServer
    void aDataWatchFiresNodeDeletedWhenTheNodeGoes(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/n", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchEventLog events = new WatchEventLog();
        zk.getData(root + "/n", events, null);

        zk.delete(root + "/n", -1);
        DeliveryBarrier.pass(zk);

        assertThat(events.notifications()).containsExactly(new Notification(EventType.NodeDeleted, root + "/n"));
    }

    @OnEachServer
    void anExistsWatchOnAMissingNodeFiresNodeCreated(ServerKind kind) throws Exception {
        ZooKeeper watcher = servers.connect(kind);
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        WatchEventLog events = new WatchEventLog();
        assertThat(watcher.exists(root + "/later", events)).isNull();

        writer.create(root + "/later", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData(root + "/later", bytes("x"), -1);
        DeliveryBarrier.pass(watcher);

        assertThat(events.notifications()).containsExactly(new Notification(EventType.NodeCreated, root + "/later"));
    }

    @OnEachServer
    void anExistsWatchOnAnExistingNodeFiresLikeADataWatch(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/n", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchEventLog events = new WatchEventLog();
        zk.exists(root + "/n", events);

        zk.setData(root + "/n", bytes("x"), -1);
        DeliveryBarrier.pass(zk);

        assertThat(events.notifications()).containsExactly(new Notification(EventType.NodeDataChanged, root + "/n"));
    }

    /**
     * Seen over a raw session, since the stock client drops a notification it registered no watcher for: a getData
     * or getChildren that fails with NONODE leaves no watch, while an exists on a missing node does.
     */
    @OnEachServer
    void readsThatFailWithNoNodeSetNoWatchButExistsOnAMissingNodeDoes(ServerKind kind) throws Exception {
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        try (RawSession raw = servers.rawSession(kind, ConformanceServers.SESSION_TIMEOUT_MILLIS)) {
            assertThat(Code.get(raw.call(OpCode.getData, new GetDataRequest(root + "/a", true)).err()))
                    .isEqualTo(Code.NONODE);
            assertThat(Code.get(raw.call(OpCode.getChildren2, new GetChildren2Request(root + "/a", true)).err()))
                    .isEqualTo(Code.NONODE);
            assertThat(Code.get(raw.call(OpCode.exists, new ExistsRequest(root + "/b", true)).err()))
                    .isEqualTo(Code.NONODE);

            writer.create(root + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            writer.create(root + "/a/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            writer.create(root + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            // Any reply now comes after every notification those creates owe this session.
            raw.call(OpCode.exists, new ExistsRequest("/", false));

            assertThat(raw.notifications()).extracting(e -> new Notification(EventType.fromInt(e.getType()),
                    e.getPath())).containsExactly(new Notification(EventType.NodeCreated, root + "/b"));
        }
    }

    @OnEachServer
    void aChildWatchFiresOnceForChildChangesAndNotForAChildsData(ServerKind kind) throws Exception {
        ZooKeeper watcher = servers.connect(kind);
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        writer.create(root + "/p", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create(root + "/p/existing", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchEventLog events = new WatchEventLog();
        watcher.getChildren(root + "/p", events);

        writer.setData(root + "/p/existing", bytes("x"), -1);
        writer.setData(root + "/p", bytes("x"), -1);
        DeliveryBarrier.pass(watcher);
        assertThat(events.notifications()).as("data changes of the node or its child").isEmpty();

        writer.create(root + "/p/new", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.delete(root + "/p/existing", -1);
        DeliveryBarrier.pass(watcher);
        assertThat(events.notifications())
                .containsExactly(new Notification(EventType.NodeChildrenChanged, root + "/p"));
    }

    @OnEachServer
    void aChildWatchFiresNodeDeletedWhenItsNodeGoes(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/p", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchEventLog events = new WatchEventLog();
        zk.getChildren(root + "/p", events);

        zk.delete(root + "/p", -1);
        DeliveryBarrier.pass(zk);

        assertThat(events.notifications()).containsExactly(new Notification(EventType.NodeDeleted, root + "/p"));
    }

    @OnEachServer
    void aPersistentWatchFiresForEveryChangeOfTheNodeAndItsChildList(ServerKind kind) throws Exception {
        ZooKeeper watcher = servers.connect(kind);
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        String p = root + "/p";
        WatchEventLog events = new WatchEventLog();
        watcher.addWatch(p, events, AddWatchMode.PERSISTENT);

        writer.create(p, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData(p, bytes("1"), -1);
        writer.setData(p, bytes("2"), -1);
        writer.create(p + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData(p + "/c", bytes("x"), -1);
        writer.create(p + "/c/grandchild", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.delete(p + "/c/grandchild", -1);
        writer.delete(p + "/c", -1);
        writer.delete(p, -1);
        writer.create(p, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        DeliveryBarrier.pass(watcher);

        assertThat(events.notifications()).containsExactly(
                new Notification(EventType.NodeCreated, p),
                new Notification(EventType.NodeDataChanged, p),
                new Notification(EventType.NodeDataChanged, p),
                new Notification(EventType.NodeChildrenChanged, p),
                new Notification(EventType.NodeChildrenChanged, p),
                new Notification(EventType.NodeDeleted, p),
                new Notification(EventType.NodeCreated, p));
    }

    @OnEachServer
    void aRecursiveWatchSeesEveryDescendantButNeverChildrenChanged(ServerKind kind) throws Exception {
        ZooKeeper watcher = servers.connect(kind);
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        String t = root + "/t";
        WatchEventLog events = new WatchEventLog();
        watcher.addWatch(t, events, AddWatchMode.PERSISTENT_RECURSIVE);

        writer.create(t, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create(t + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create(t + "/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        writer.setData(t + "/a/b", bytes("x"), -1);
        writer.setData(t, bytes("y"), -1);
        writer.create(root + "/t-sibling", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.delete(t + "/a/b", -1);
        DeliveryBarrier.pass(watcher);

        assertThat(events.notifications()).containsExactly(
                new Notification(EventType.NodeCreated, t),
                new Notification(EventType.NodeCreated, t + "/a"),
                new Notification(EventType.NodeCreated, t + "/a/b"),
                new Notification(EventType.NodeDataChanged, t + "/a/b"),
                new Notification(EventType.NodeDataChanged, t),
                new Notification(EventType.NodeDeleted, t + "/a/b"));
    }

    @OnEachServer
    void removingADataWatchTellsItsWatcherAndStopsIt(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/n", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchEventLog removed = new WatchEventLog();
        WatchEventLog kept = new WatchEventLog();
        zk.getData(root + "/n", removed, null);
        zk.getData(root + "/n", kept, null);

        zk.removeWatches(root + "/n", removed, WatcherType.Data, false);
        zk.setData(root + "/n", bytes("x"), -1);
        DeliveryBarrier.pass(zk);

        assertThat(removed.notifications()).containsExactly(new Notification(EventType.DataWatchRemoved, root + "/n"));
        assertThat(kept.notifications()).containsExactly(new Notification(EventType.NodeDataChanged, root + "/n"));
    }

    @OnEachServer
    void removingAllWatchesOfAPathTellsEachWatcherWhatItLost(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/n", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchEventLog data = new WatchEventLog();
        WatchEventLog children = new WatchEventLog();
        zk.getData(root + "/n", data, null);
        zk.getChildren(root + "/n", children);

        zk.removeAllWatches(root + "/n", WatcherType.Any, false);
        zk.create(root + "/n/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.setData(root + "/n", bytes("x"), -1);
        DeliveryBarrier.pass(zk);

        assertThat(data.notifications()).containsExactly(new Notification(EventType.DataWatchRemoved, root + "/n"));
        assertThat(children.notifications())
                .containsExactly(new Notification(EventType.ChildWatchRemoved, root + "/n"));
    }

    @OnEachServer
    void removingAPersistentWatchTellsItsWatcherAndStopsIt(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        WatchEventLog events = new WatchEventLog();
        zk.addWatch(root + "/n", events, AddWatchMode.PERSISTENT_RECURSIVE);
        zk.create(root + "/n", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        zk.removeWatches(root + "/n", events, WatcherType.PersistentRecursive, false);
        zk.setData(root + "/n", bytes("x"), -1);
        DeliveryBarrier.pass(zk);

        assertThat(events.notifications()).containsExactly(
                new Notification(EventType.NodeCreated, root + "/n"),
                new Notification(EventType.PersistentWatchRemoved, root + "/n"));
    }

    /** The stock client checks its own table first, so the server's answer is asked for over a raw session. */
    @OnEachServer
    void removingWatchesWhereTheSessionHasNoneFailsWithNoWatcher(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/n", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.getData(root + "/n", new WatchEventLog(), null);

        try (RawSession raw = servers.rawSession(kind, ConformanceServers.SESSION_TIMEOUT_MILLIS)) {
            for (WatcherType type : List.of(WatcherType.Children, WatcherType.Data, WatcherType.Any)) {
                RawSession.Reply reply = raw.call(OpCode.removeWatches,
                        new RemoveWatchesRequest(root + "/n", type.getIntValue()));
                assertThat(Code.get(reply.err())).as("remove %s watches", type).isEqualTo(Code.NOWATCHER);
            }
        }
        ErrorCodesTest.assertFailsWith(Code.NOWATCHER, root + "/n",
                () -> zk.removeAllWatches(root + "/n", WatcherType.Children, false));
    }

    /** The ordering guarantee: a client sees a change's notification before any read result that shows it. */
    @OnEachServer
    void theNotificationArrivesBeforeTheReplyToALaterReadOfTheNewValue(ServerKind kind) throws Exception {
        ZooKeeper reader = servers.connect(kind);
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        writer.create(root + "/n", bytes("old"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<String> seen = new CopyOnWriteArrayList<>();
        reader.getData(root + "/n", event -> seen.add("event " + event.getType()), null);

        writer.setData(root + "/n", bytes("new"), -1);
        CountDownLatch read = new CountDownLatch(1);
        reader.getData(root + "/n", false, (rc, path, ctx, data, stat) -> {
            seen.add("read " + new String(data, StandardCharsets.UTF_8));
            read.countDown();
        }, null);

        assertThat(read.await(WatchEventLog.EVENT_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(seen).containsExactly("event " + EventType.NodeDataChanged, "read new");
    }

    @OnEachServer
    void aClientThatWasNotifiedReadsTheNewValue(ServerKind kind) throws Exception {
        ZooKeeper reader = servers.connect(kind);
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        writer.create(root + "/n", bytes("old"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        WatchEventLog events = new WatchEventLog();
        reader.getData(root + "/n", events, null);

        writer.setData(root + "/n", bytes("new"), -1);
        events.awaitNotification(EventType.NodeDataChanged, root + "/n");

        assertThat(reader.getData(root + "/n", false, null)).isEqualTo(bytes("new"));
    }

    /**
     * A watcher that may not read a node hears nothing of it: ZooKeeper 3.9.2 and later check the changed
     * node's ACL (the parent's for child changes) before notifying a watch.
     */
    @OnEachServer
    void aRecursiveWatcherHearsNothingOfANodeItMayNotRead(ServerKind kind) throws Exception {
        ZooKeeper watcher = servers.connect(kind);
        ZooKeeper owner = servers.connect(kind);
        owner.addAuthInfo("digest", new DigestCredential("owner", "pw").authBytes());
        String root = servers.createTestRoot(owner);
        WatchEventLog events = new WatchEventLog();
        watcher.addWatch(root, events, AddWatchMode.PERSISTENT_RECURSIVE);

        owner.create(root + "/secret", bytes("s"), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
        owner.setData(root + "/secret", bytes("t"), -1);
        owner.create(root + "/open", bytes("o"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        owner.delete(root + "/secret", -1);
        DeliveryBarrier.pass(watcher);

        assertThat(events.notifications()).containsExactly(new Notification(EventType.NodeCreated, root + "/open"));
    }
}
