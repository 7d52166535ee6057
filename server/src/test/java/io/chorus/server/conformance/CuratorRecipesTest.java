package io.chorus.server.conformance;

import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.VersionedValue;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Curator 5 recipes, unmodified, as their users run them. */
@Timeout(60)
class CuratorRecipesTest {

    /** How long a recipe may take to react to a change it watches. */
    private static final Duration RECIPE_WAIT_MAX = Duration.ofSeconds(10);

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void aMutexHeldByOneClientIsAcquiredByTheOtherOnlyAfterRelease(ServerKind kind) throws Exception {
        CuratorFramework first = servers.curator(kind);
        CuratorFramework second = servers.curator(kind);
        InterProcessMutex firstLock = new InterProcessMutex(first, "/curatorMutex/lock");
        InterProcessMutex secondLock = new InterProcessMutex(second, "/curatorMutex/lock");

        assertThat(firstLock.acquire(RECIPE_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(secondLock.acquire(0, TimeUnit.MILLISECONDS)).as("acquire while held").isFalse();
        firstLock.release();
        assertThat(secondLock.acquire(RECIPE_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(firstLock.acquire(0, TimeUnit.MILLISECONDS)).as("acquire while the other holds it").isFalse();
        secondLock.release();
        // first may be connected to another server of an ensemble than second: sync before reading. The lock's
        // parent is a container, which the server may already have removed now that it is empty.
        DeliveryBarrier.pass(first.getZookeeperClient().getZooKeeper());
        assertThat(childrenIfAny(first, "/curatorMutex/lock")).isEmpty();
    }

    private static List<String> childrenIfAny(CuratorFramework curator, String path) throws Exception {
        try {
            return curator.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    @OnEachServer
    void exactlyOneLatchLeadsAndLeadershipMovesWhenTheLeaderCloses(ServerKind kind) throws Exception {
        LeaderLatch a = new LeaderLatch(servers.curator(kind), "/curatorLeader", "a");
        LeaderLatch b = new LeaderLatch(servers.curator(kind), "/curatorLeader", "b");
        try {
            a.start();
            b.start();
            await("a leader elected").atMost(RECIPE_WAIT_MAX).until(() -> a.hasLeadership() || b.hasLeadership());
            assertThat(a.hasLeadership() && b.hasLeadership()).as("two leaders").isFalse();
            LeaderLatch leader = a.hasLeadership() ? a : b;
            LeaderLatch follower = leader == a ? b : a;
            assertThat(follower.getLeader().getId()).isEqualTo(leader.getId());

            leader.close();
            await("leadership moved").atMost(RECIPE_WAIT_MAX).until(follower::hasLeadership);
        } finally {
            closeIfStarted(a);
            closeIfStarted(b);
        }
    }

    @OnEachServer
    void aCacheSeesCreatesUpdatesAndDeletesMadeByAnotherClient(ServerKind kind) throws Exception {
        CuratorFramework watcher = servers.curator(kind);
        CuratorFramework writer = servers.curator(kind);
        writer.create().forPath("/curatorCache");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (CuratorCache cache = CuratorCache.build(watcher, "/curatorCache")) {
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forCreates(node -> seen.add("created " + node.getPath()))
                    .forChanges((before, after) -> seen.add("changed " + after.getPath() + " to "
                            + new String(after.getData(), StandardCharsets.UTF_8)))
                    .forDeletes(node -> seen.add("deleted " + node.getPath()))
                    .build());
            cache.start();
            await("initial load").atMost(RECIPE_WAIT_MAX).until(() -> cache.get("/curatorCache").isPresent());

            writer.create().forPath("/curatorCache/a", bytes("1"));
            await().atMost(RECIPE_WAIT_MAX).until(() -> seen.contains("created /curatorCache/a"));
            writer.setData().forPath("/curatorCache/a", bytes("2"));
            await().atMost(RECIPE_WAIT_MAX).until(() -> seen.contains("changed /curatorCache/a to 2"));
            writer.delete().forPath("/curatorCache/a");
            await().atMost(RECIPE_WAIT_MAX).until(() -> seen.contains("deleted /curatorCache/a"));

            assertThat(seen).containsSubsequence(
                    "created /curatorCache", "created /curatorCache/a", "changed /curatorCache/a to 2",
                    "deleted /curatorCache/a");
            assertThat(cache.get("/curatorCache/a")).isEmpty();
        }
    }

    @OnEachServer
    void aPersistentNodeComesBackAfterSomeoneDeletesItAndGoesWhenClosed(ServerKind kind) throws Exception {
        CuratorFramework owner = servers.curator(kind);
        CuratorFramework other = servers.curator(kind);
        other.create().forPath("/curatorPersistentNode");
        try (PersistentNode node = new PersistentNode(owner, CreateMode.EPHEMERAL, false,
                "/curatorPersistentNode/member", bytes("me"))) {
            node.start();
            assertThat(node.waitForInitialCreate(RECIPE_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(other.getData().forPath("/curatorPersistentNode/member")).isEqualTo(bytes("me"));

            other.delete().forPath("/curatorPersistentNode/member");
            await("node re-created").atMost(RECIPE_WAIT_MAX)
                    .until(() -> other.checkExists().forPath("/curatorPersistentNode/member") != null);
        }
        assertThat(other.checkExists().forPath("/curatorPersistentNode/member")).isNull();
    }

    @OnEachServer
    void aSharedCountChangesOnlyFromTheVersionItWasRead(ServerKind kind) throws Exception {
        try (SharedCount first = new SharedCount(servers.curator(kind), "/curatorCount", 0);
                SharedCount second = new SharedCount(servers.curator(kind), "/curatorCount", 0)) {
            first.start();
            second.start();
            VersionedValue<Integer> initial = first.getVersionedValue();

            assertThat(first.trySetCount(initial, 5)).isTrue();
            await("the other counter sees 5").atMost(RECIPE_WAIT_MAX).until(() -> second.getCount() == 5);
            assertThat(second.trySetCount(initial, 9)).as("set from a stale version").isFalse();
            assertThat(second.trySetCount(second.getVersionedValue(), 6)).isTrue();
            await("the first counter sees 6").atMost(RECIPE_WAIT_MAX).until(() -> first.getCount() == 6);
        }
    }

    private static void closeIfStarted(LeaderLatch latch) throws Exception {
        if (latch.getState() == LeaderLatch.State.STARTED) {
            latch.close();
        }
    }
}
