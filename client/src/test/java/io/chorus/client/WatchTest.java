package io.chorus.client;

import static io.chorus.client.NodeOperationsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.AddWatchMode;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.api.KeeperState;
import io.chorus.api.WatchedEvent;
import io.chorus.api.WatcherType;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of watch. A change is made by the client that holds the watch, so the ordering guarantee (the
 * notification is delivered before the change's own reply returns) lets a test check what fired, and what did
 * not, as soon as the call returns.
 */
class WatchTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void aDataWatchFiresOnceOnChange() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/n";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.getData(path, watcher);
        client.setData(path, new byte[1], -1);
        client.setData(path, new byte[2], -1);

        assertThat(watcher.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.NODE_DATA_CHANGED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void aDataWatchFiresOnDelete() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/n";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.getData(path, watcher);
        client.delete(path, -1);

        assertThat(watcher.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.NODE_DELETED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void existsOnAMissingNodeWatchesForItsCreation() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/later";
        EventLog watcher = new EventLog();

        assertThat(client.exists(path, watcher)).isNull();
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.setData(path, new byte[1], -1);

        assertThat(watcher.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.NODE_CREATED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void existsOnAPresentNodeWatchesItsData() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/here";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.exists(path, watcher);
        client.setData(path, new byte[1], -1);

        assertThat(watcher.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.NODE_DATA_CHANGED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void aChildWatchFiresOnceWhenChildrenChange() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/p";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.getChildren(path, watcher);
        client.setData(path, new byte[1], -1);
        client.create(path + "/a", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(path + "/b", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertThat(watcher.nodeEvents()).as("not on data changes; once").containsExactly(
                new WatchedEvent(EventType.NODE_CHILDREN_CHANGED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void aWatcherSetTwiceOnAPathHearsOnce() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/twice";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.getData(path, watcher);
        client.exists(path, watcher);
        client.getChildren(path, watcher);
        client.delete(path, -1);

        assertThat(watcher.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.NODE_DELETED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void aWatcherThatThrowsDoesNotStopTheOthers() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/throws";
        EventLog after = new EventLog();

        client.exists(path, event -> {
            throw new IllegalStateException("a broken watcher");
        });
        client.exists(path, after);
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertThat(after.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.NODE_CREATED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void watchersRunOnTheEventThread() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/t";
        EventLog watcher = new EventLog();

        client.exists(path, watcher);
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertThat(watcher.threads()).containsExactly("chorus-client-events");
    }

    @Test
    void aPersistentWatchFiresOnEveryChangeOfTheNodeUntilRemoved() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/p";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.addWatch(path, watcher, AddWatchMode.PERSISTENT);
        client.setData(path, new byte[1], -1);
        client.setData(path, new byte[2], -1);
        client.create(path + "/kid", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(path + "/kid/grandkid", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.removeWatches(path, watcher, WatcherType.PERSISTENT, false);
        client.setData(path, new byte[3], -1);

        assertThat(watcher.nodeEvents()).extracting(WatchedEvent::type).containsExactly(
                EventType.NODE_DATA_CHANGED, EventType.NODE_DATA_CHANGED, EventType.NODE_CHILDREN_CHANGED,
                EventType.PERSISTENT_WATCH_REMOVED);
    }

    @Test
    void aPersistentRecursiveWatchSeesTheSubtreeButNoChildEvents() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/tree";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.addWatch(path, watcher, AddWatchMode.PERSISTENT_RECURSIVE);
        client.create(path + "/a", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(path + "/a/b", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.setData(path + "/a/b", new byte[1], -1);
        client.delete(path + "/a/b", -1);
        client.setData(path, new byte[1], -1);

        assertThat(watcher.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.NODE_CREATED, KeeperState.SYNC_CONNECTED, path + "/a"),
                new WatchedEvent(EventType.NODE_CREATED, KeeperState.SYNC_CONNECTED, path + "/a/b"),
                new WatchedEvent(EventType.NODE_DATA_CHANGED, KeeperState.SYNC_CONNECTED, path + "/a/b"),
                new WatchedEvent(EventType.NODE_DELETED, KeeperState.SYNC_CONNECTED, path + "/a/b"),
                new WatchedEvent(EventType.NODE_DATA_CHANGED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void removingOneOfTwoDataWatchersKeepsTheOther() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/n";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog removed = new EventLog();
        EventLog kept = new EventLog();

        client.getData(path, removed);
        client.getData(path, kept);
        client.removeWatches(path, removed, WatcherType.DATA, false);
        client.setData(path, new byte[1], -1);

        assertThat(removed.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.DATA_WATCH_REMOVED, KeeperState.SYNC_CONNECTED, path));
        assertThat(kept.nodeEvents()).containsExactly(
                new WatchedEvent(EventType.NODE_DATA_CHANGED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void removingAllChildWatchesOfAPathTellsEachWatcher() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/p";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog first = new EventLog();
        EventLog second = new EventLog();
        EventLog data = new EventLog();

        client.getChildren(path, first);
        client.getChildren(path, second);
        client.getData(path, data);
        client.removeWatches(path, null, WatcherType.CHILDREN, false);
        client.create(path + "/kid", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.setData(path, new byte[1], -1);

        WatchedEvent removal = new WatchedEvent(EventType.CHILD_WATCH_REMOVED, KeeperState.SYNC_CONNECTED, path);
        assertThat(first.nodeEvents()).containsExactly(removal);
        assertThat(second.nodeEvents()).containsExactly(removal);
        assertThat(data.nodeEvents()).as("a data watch is not a child watch").containsExactly(
                new WatchedEvent(EventType.NODE_DATA_CHANGED, KeeperState.SYNC_CONNECTED, path));
    }

    @Test
    void removingAnyWatchTakesEveryKindOnThePath() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/any";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.getData(path, watcher);
        client.getChildren(path, watcher);
        client.addWatch(path, watcher, AddWatchMode.PERSISTENT_RECURSIVE);
        client.removeWatches(path, watcher, WatcherType.ANY, false);
        client.create(path + "/kid", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.delete(path + "/kid", -1);
        client.delete(path, -1);

        assertThat(watcher.nodeEvents()).extracting(WatchedEvent::type).containsExactlyInAnyOrder(
                EventType.DATA_WATCH_REMOVED, EventType.CHILD_WATCH_REMOVED, EventType.PERSISTENT_WATCH_REMOVED);
    }

    @Test
    void removingAWatchThatIsNotThereAnswersNoWatcher() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/none";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();
        client.getData(path, watcher);

        assertCode(() -> client.removeWatches(path, watcher, WatcherType.CHILDREN, false), Code.NOWATCHER);
        assertCode(() -> client.removeWatches(path, new EventLog(), WatcherType.DATA, false), Code.NOWATCHER);
        assertCode(() -> client.removeWatches(path + "/other", null, WatcherType.ANY, true), Code.NOWATCHER);
        client.setData(path, new byte[1], -1);
        assertThat(watcher.nodeEvents()).as("the watch is still there")
                .extracting(WatchedEvent::type).containsExactly(EventType.NODE_DATA_CHANGED);
    }

    @Test
    void aLocalRemovalForgetsTheWatcherWithoutAskingTheServer() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/local";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();

        client.getData(path, watcher);
        client.removeWatches(path, watcher, WatcherType.DATA, true);
        // The server kept its watch and notifies before answering; no watcher is left to hear it.
        client.setData(path, new byte[1], -1);

        assertThat(watcher.nodeEvents()).extracting(WatchedEvent::type).containsExactly(EventType.DATA_WATCH_REMOVED);
    }
}
