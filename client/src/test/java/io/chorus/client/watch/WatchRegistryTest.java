package io.chorus.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.EventType;
import io.chorus.api.WatchedEvent;
import io.chorus.api.Watcher;
import io.chorus.api.WatcherType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchRegistryTest {
    private final Watcher defaultWatcher = named("default");
    private final WatchRegistry registry = new WatchRegistry(defaultWatcher);
    private final Watcher w1 = named("w1");
    private final Watcher w2 = named("w2");

    @Test
    void oneShotWatchesFireOnce() {
        registry.add(WatchKind.DATA, "/a", w1);

        assertThat(registry.triggered(EventType.NODE_DATA_CHANGED, "/a")).containsExactly(w1);
        assertThat(registry.triggered(EventType.NODE_DATA_CHANGED, "/a")).isEmpty();
    }

    @Test
    void eachEventReachesItsKinds() {
        registry.add(WatchKind.DATA, "/a", w1);
        registry.add(WatchKind.CHILD, "/a", w2);

        assertThat(registry.triggered(EventType.NODE_CHILDREN_CHANGED, "/a")).containsExactly(w2);
        assertThat(registry.triggered(EventType.NODE_CREATED, "/a")).containsExactly(w1);
    }

    @Test
    void aDeleteReachesDataExistAndChildWatchers() {
        registry.add(WatchKind.DATA, "/a", w1);
        registry.add(WatchKind.CHILD, "/a", w2);
        registry.add(WatchKind.EXIST, "/a", w2);

        assertThat(registry.triggered(EventType.NODE_DELETED, "/a")).containsExactlyInAnyOrder(w1, w2);
        assertThat(registry.paths().isEmpty()).isTrue();
    }

    @Test
    void persistentWatchesStayAndRecursiveOnesCoverDescendantsButNotChildEvents() {
        registry.add(WatchKind.PERSISTENT, "/a", w1);
        registry.add(WatchKind.PERSISTENT_RECURSIVE, "/", w2);

        assertThat(registry.triggered(EventType.NODE_DATA_CHANGED, "/a")).containsExactly(w1, w2);
        assertThat(registry.triggered(EventType.NODE_DATA_CHANGED, "/a")).containsExactly(w1, w2);
        assertThat(registry.triggered(EventType.NODE_CREATED, "/a/b/c")).containsExactly(w2);
        assertThat(registry.triggered(EventType.NODE_CHILDREN_CHANGED, "/a")).containsExactly(w1);
    }

    @Test
    void stateChangesReachTheDefaultWatcherAndEveryOtherOnce() {
        registry.add(WatchKind.DATA, "/a", w1);
        registry.add(WatchKind.CHILD, "/b", w1);
        registry.add(WatchKind.PERSISTENT, "/c", w2);

        assertThat(registry.everyWatcher()).containsExactly(defaultWatcher, w1, w2);
        assertThat(registry.paths().data()).containsExactly("/a");
    }

    @Test
    void removalIsByTypeAndReportsTheRemovalEvents() {
        registry.add(WatchKind.DATA, "/a", w1);
        registry.add(WatchKind.EXIST, "/a", w2);
        registry.add(WatchKind.CHILD, "/a", w1);
        registry.add(WatchKind.PERSISTENT_RECURSIVE, "/a", w2);

        Map<EventType, Set<Watcher>> removed = registry.remove("/a", null, WatcherType.DATA);

        assertThat(removed).containsOnlyKeys(EventType.DATA_WATCH_REMOVED);
        assertThat(removed.get(EventType.DATA_WATCH_REMOVED)).containsExactlyInAnyOrder(w1, w2);
        assertThat(registry.contains("/a", null, WatcherType.DATA)).isFalse();
        assertThat(registry.contains("/a", w1, WatcherType.CHILDREN)).isTrue();
        assertThat(registry.remove("/a", w2, WatcherType.ANY)).containsOnlyKeys(EventType.PERSISTENT_WATCH_REMOVED);
        assertThat(registry.remove("/a", w2, WatcherType.ANY)).isEmpty();
    }

    @Test
    void parentsWalkUpToTheRoot() {
        assertThat(WatchRegistry.parentOf("/a/b")).isEqualTo("/a");
        assertThat(WatchRegistry.parentOf("/a")).isEqualTo("/");
        assertThat(WatchRegistry.parentOf("/")).isNull();
    }

    private static Watcher named(String name) {
        return new Watcher() {
            @Override
            public void process(WatchedEvent event) {
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
