package io.chorus.datatree.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.api.KeeperState;
import io.chorus.api.WatchedEvent;
import io.chorus.api.WatcherType;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** setWatches on reconnect: missed events now, the rest re-registered (ZooKeeper's DataTree.setWatches). */
class SetWatchesTest {
    private static final long S = 9;
    private final DataTree tree = new DataTree(TreeOptions.DEFAULTS);
    private final WatchManager watches = new WatchManager();
    private long zxid;

    @Test
    void dataWatchReportsDeletionOrChangeSinceTheRelativeZxidElseReRegisters() {
        apply(new TxnBody.Create("/changed", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1));
        apply(new TxnBody.Create("/same", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1));
        long seen = zxid;
        apply(new TxnBody.SetData("/changed", new byte[1], -1));

        List<Notification> missed = watches.setWatches(S, seen, List.of("/gone", "/changed", "/same"), List.of(),
                List.of(), List.of(), List.of(), tree);

        assertThat(missed).containsExactly(event(EventType.NODE_DELETED, "/gone"),
                event(EventType.NODE_DATA_CHANGED, "/changed"));
        assertThat(watches.hasWatch("/same", S, WatcherType.DATA)).isTrue();
        assertThat(watches.hasWatch("/changed", S, WatcherType.DATA)).isFalse();
    }

    @Test
    void existWatchReportsCreationElseReRegisters() {
        apply(new TxnBody.Create("/now", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1));
        List<Notification> missed = watches.setWatches(S, zxid, List.of(), List.of("/now", "/notyet"), List.of(),
                List.of(), List.of(), tree);
        assertThat(missed).containsExactly(event(EventType.NODE_CREATED, "/now"));
        assertThat(watches.hasWatch("/notyet", S, WatcherType.DATA)).isTrue();
    }

    @Test
    void childWatchComparesThePzxid() {
        apply(new TxnBody.Create("/p", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1));
        apply(new TxnBody.Create("/q", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1));
        long seen = zxid;
        apply(new TxnBody.Create("/p/c", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1));

        List<Notification> missed = watches.setWatches(S, seen, List.of(), List.of(), List.of("/p", "/q", "/gone"),
                List.of(), List.of(), tree);
        assertThat(missed).containsExactly(event(EventType.NODE_CHILDREN_CHANGED, "/p"),
                event(EventType.NODE_DELETED, "/gone"));
        assertThat(watches.hasWatch("/q", S, WatcherType.CHILDREN)).isTrue();
    }

    @Test
    void persistentWatchesAreReRegisteredSilentlyAndNullListsAreEmpty() {
        List<Notification> missed = watches.setWatches(S, 0, null, null, null, List.of("/gone"), List.of("/r"), tree);
        assertThat(missed).isEmpty();
        assertThat(watches.hasWatch("/gone", S, WatcherType.PERSISTENT)).isTrue();
        assertThat(watches.hasWatch("/r", S, WatcherType.PERSISTENT_RECURSIVE)).isTrue();
    }

    @Test
    void watchesFromApplyTriggersReachTheWatcher() {
        watches.addWatch("/x", S, WatchKind.EXIST);
        watches.addWatch("/", S, WatchKind.CHILD);
        List<Notification> out = watches.trigger(
                apply(new TxnBody.Create("/x", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1)).triggers());
        assertThat(out).containsExactly(triggered(EventType.NODE_CREATED, "/x"),
                triggered(EventType.NODE_CHILDREN_CHANGED, "/"));
    }

    private io.chorus.datatree.ApplyResult apply(TxnBody body) {
        return tree.apply(++zxid, new Txn(new TxnHeader(S, 1, 1000 + zxid, List.of()), body));
    }

    /** A notification from a change, carrying the ACL a watcher must be able to read under (both open here). */
    private static Notification triggered(EventType type, String path) {
        return new Notification(S, new WatchedEvent(type, KeeperState.SYNC_CONNECTED, path), Acl.OPEN_ACL_UNSAFE);
    }

    private static Notification event(EventType type, String path) {
        return new Notification(S, new WatchedEvent(type, KeeperState.SYNC_CONNECTED, path), null);
    }
}
