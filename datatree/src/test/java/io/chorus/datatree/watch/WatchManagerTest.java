package io.chorus.datatree.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.EventType;
import io.chorus.api.KeeperState;
import io.chorus.api.WatchedEvent;
import io.chorus.api.WatcherType;
import io.chorus.datatree.WatchTrigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ZooKeeper 3.9's watch semantics on the two watch tables. */
class WatchManagerTest {
    private static final long S1 = 1;
    private static final long S2 = 2;

    private final WatchManager watches = new WatchManager();

    @Test
    void dataWatchFiresOnceForDataChangeAndIsThenGone() {
        watches.addWatch("/a", S1, WatchKind.DATA);
        assertThat(fire("/a", EventType.NODE_DATA_CHANGED)).containsExactly(event(S1, EventType.NODE_DATA_CHANGED, "/a"));
        assertThat(fire("/a", EventType.NODE_DATA_CHANGED)).isEmpty();
        assertThat(watches.watchCount()).isZero();
    }

    @Test
    void existWatchFiresOnCreation() {
        watches.addWatch("/a", S1, WatchKind.EXIST);
        assertThat(fire("/a", EventType.NODE_CREATED)).containsExactly(event(S1, EventType.NODE_CREATED, "/a"));
    }

    @Test
    void childWatchFiresOnChildrenChangedButNotOnDataChanges() {
        watches.addWatch("/a", S1, WatchKind.CHILD);
        assertThat(fire("/a", EventType.NODE_DATA_CHANGED)).isEmpty();
        assertThat(fire("/a", EventType.NODE_CHILDREN_CHANGED))
                .containsExactly(event(S1, EventType.NODE_CHILDREN_CHANGED, "/a"));
        assertThat(fire("/a", EventType.NODE_CHILDREN_CHANGED)).isEmpty();
    }

    @Test
    void deletionNotifiesDataAndChildWatchersOfThePathOnceEach() {
        watches.addWatch("/a", S1, WatchKind.DATA);
        watches.addWatch("/a", S1, WatchKind.CHILD);
        watches.addWatch("/a", S2, WatchKind.CHILD);
        assertThat(fire("/a", EventType.NODE_DELETED)).containsExactly(
                event(S1, EventType.NODE_DELETED, "/a"), event(S2, EventType.NODE_DELETED, "/a"));
        assertThat(watches.watchCount()).isZero();
    }

    @Test
    void persistentWatchFiresForEveryEventOnItsPathAndStays() {
        watches.addWatch("/a", S1, WatchKind.PERSISTENT);
        assertThat(watches.watchCount()).as("one entry in each table").isEqualTo(2);
        assertThat(fire("/a", EventType.NODE_CREATED)).hasSize(1);
        assertThat(fire("/a", EventType.NODE_DATA_CHANGED)).hasSize(1);
        assertThat(fire("/a", EventType.NODE_CHILDREN_CHANGED)).hasSize(1);
        assertThat(fire("/a", EventType.NODE_DELETED)).hasSize(1);
        assertThat(fire("/a/child", EventType.NODE_CREATED)).isEmpty();
        assertThat(watches.watchCount()).isEqualTo(2);
    }

    @Test
    void recursiveWatchCoversDescendantsButNeverChildrenChanged() {
        watches.addWatch("/a", S1, WatchKind.PERSISTENT_RECURSIVE);
        assertThat(fire("/a/b/c", EventType.NODE_CREATED)).containsExactly(event(S1, EventType.NODE_CREATED, "/a/b/c"));
        assertThat(fire("/a", EventType.NODE_DATA_CHANGED)).hasSize(1);
        assertThat(fire("/a/b", EventType.NODE_DELETED)).hasSize(1);
        assertThat(fire("/a", EventType.NODE_CHILDREN_CHANGED)).isEmpty();
        assertThat(fire("/ab", EventType.NODE_CREATED)).as("a sibling with a common prefix").isEmpty();
        assertThat(watches.watchCount()).isEqualTo(1);
    }

    @Test
    void recursiveWatchOnRootSeesEverything() {
        watches.addWatch("/", S1, WatchKind.PERSISTENT_RECURSIVE);
        assertThat(fire("/x/y", EventType.NODE_DATA_CHANGED)).hasSize(1);
    }

    @Test
    void aSessionWithSeveralMatchingWatchesGetsOneNotificationPerTrigger() {
        watches.addWatch("/a", S1, WatchKind.PERSISTENT_RECURSIVE);
        watches.addWatch("/a/b", S1, WatchKind.DATA);
        watches.addWatch("/a/b", S1, WatchKind.PERSISTENT);
        assertThat(fire("/a/b", EventType.NODE_DATA_CHANGED)).hasSize(1);
        assertThat(watches.hasWatch("/a/b", S1, WatcherType.DATA)).as("one-shot consumed").isFalse();
        assertThat(watches.hasWatch("/a/b", S1, WatcherType.PERSISTENT)).isTrue();
    }

    @Test
    void triggersAreProcessedInOrderWithSessionsSorted() {
        watches.addWatch("/a", S2, WatchKind.EXIST);
        watches.addWatch("/a", S1, WatchKind.EXIST);
        watches.addWatch("/", S1, WatchKind.CHILD);
        List<Notification> out = watches.trigger(List.of(
                new WatchTrigger("/a", EventType.NODE_CREATED, io.chorus.api.Acl.OPEN_ACL_UNSAFE), new WatchTrigger("/", EventType.NODE_CHILDREN_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE)));
        assertThat(out).containsExactly(event(S1, EventType.NODE_CREATED, "/a"), event(S2, EventType.NODE_CREATED, "/a"),
                event(S1, EventType.NODE_CHILDREN_CHANGED, "/"));
    }

    @Test
    void removeWatchesByType() {
        watches.addWatch("/a", S1, WatchKind.DATA);
        watches.addWatch("/a", S1, WatchKind.CHILD);
        watches.addWatch("/a", S1, WatchKind.PERSISTENT);
        watches.addWatch("/a", S1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(watches.removeWatches("/a", S1, WatcherType.CHILDREN)).isEqualTo(Code.OK);
        assertThat(watches.removeWatches("/a", S1, WatcherType.CHILDREN)).isEqualTo(Code.NOWATCHER);
        assertThat(watches.removeWatches("/a", S1, WatcherType.DATA)).isEqualTo(Code.OK);
        assertThat(watches.removeWatches("/a", S1, WatcherType.PERSISTENT)).isEqualTo(Code.OK);
        assertThat(watches.hasWatch("/a", S1, WatcherType.PERSISTENT_RECURSIVE)).isTrue();
        assertThat(watches.removeWatches("/a", S1, WatcherType.PERSISTENT_RECURSIVE)).isEqualTo(Code.OK);
        assertThat(watches.removeWatches("/a", S1, WatcherType.ANY)).isEqualTo(Code.NOWATCHER);
        assertThat(watches.watchCount()).isZero();
        assertThat(fire("/a/b", EventType.NODE_CREATED)).isEmpty();
    }

    @Test
    void removeAnyTakesEveryKindIncludingPersistentOnes() {
        watches.addWatch("/a", S1, WatchKind.PERSISTENT);
        watches.addWatch("/a", S1, WatchKind.PERSISTENT_RECURSIVE);
        assertThat(watches.removeWatches("/a", S1, WatcherType.ANY)).isEqualTo(Code.OK);
        assertThat(watches.hasWatch("/a", S1, WatcherType.ANY)).isFalse();
        assertThat(watches.removeWatches("/other", S1, WatcherType.ANY)).isEqualTo(Code.NOWATCHER);
    }

    @Test
    void hasWatchDistinguishesTypes() {
        watches.addWatch("/a", S1, WatchKind.EXIST);
        assertThat(watches.hasWatch("/a", S1, WatcherType.DATA)).isTrue();
        assertThat(watches.hasWatch("/a", S1, WatcherType.CHILDREN)).isFalse();
        assertThat(watches.hasWatch("/a", S1, WatcherType.ANY)).isTrue();
        assertThat(watches.hasWatch("/a", S2, WatcherType.ANY)).isFalse();
    }

    @Test
    void removeSessionDropsAllItsWatchesOnly() {
        watches.addWatch("/a", S1, WatchKind.DATA);
        watches.addWatch("/b", S1, WatchKind.PERSISTENT_RECURSIVE);
        watches.addWatch("/a", S2, WatchKind.DATA);
        watches.removeSession(S1);
        assertThat(watches.watchCount()).isEqualTo(1);
        assertThat(fire("/b/x", EventType.NODE_CREATED)).isEmpty();
        assertThat(fire("/a", EventType.NODE_DATA_CHANGED)).containsExactly(event(S2, EventType.NODE_DATA_CHANGED, "/a"));
        watches.removeSession(S1);
    }

    private List<Notification> fire(String path, EventType type) {
        return watches.trigger(List.of(new WatchTrigger(path, type, io.chorus.api.Acl.OPEN_ACL_UNSAFE)));
    }

    private static Notification event(long session, EventType type, String path) {
        return new Notification(session, new WatchedEvent(type, KeeperState.SYNC_CONNECTED, path), io.chorus.api.Acl.OPEN_ACL_UNSAFE);
    }
}
