package io.chorus.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every node type: what its name, stat and lifetime are. */
@Timeout(60)
class NodeTypesTest {

    /**
     * The ephemeralOwner clients see on container and TTL nodes. ZooKeeper stores a marker there (the top bit for
     * containers, 0xFF.. plus the TTL for TTL nodes) but hides it from every Stat it sends: clients see 0.
     */
    static final long MARKED_OWNER_AS_CLIENTS_SEE_IT = 0;
    /** How long a container or TTL node may outlive the moment it became deletable. */
    static final Duration REAPING_WAIT_MAX = Duration.ofSeconds(10);
    /** A TTL short enough for a test, long enough to read the node back first. */
    private static final long TTL_MILLIS = 500;

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void persistentNodeOutlivesItsCreatorsSessionAndHasNoOwner(ServerKind kind) throws Exception {
        ZooKeeper creator = servers.connect(kind);
        String root = servers.createTestRoot(creator);
        Stat created = new Stat();
        creator.create(root + "/p", bytes("data"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
        creator.close();

        ZooKeeper reader = servers.connect(kind);
        Stat stat = new Stat();
        assertThat(reader.getData(root + "/p", false, stat)).isEqualTo(bytes("data"));
        assertThat(stat.getEphemeralOwner()).isZero();
        assertThat(stat).isEqualTo(created);
    }

    @OnEachServer
    void ephemeralNodeIsOwnedByItsSessionAndGoesWhenTheSessionCloses(ServerKind kind) throws Exception {
        ZooKeeper owner = servers.connect(kind);
        String root = servers.createTestRoot(owner);
        Stat stat = new Stat();
        owner.create(root + "/e", bytes("x"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, stat);
        assertThat(stat.getEphemeralOwner()).isEqualTo(owner.getSessionId());

        owner.close();
        ZooKeeper other = servers.connect(kind);
        assertThat(other.exists(root + "/e", false)).isNull();
    }

    @OnEachServer
    void sequentialSuffixIsTenDigitsCountingChildCreationsOnly(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        assertThat(zk.create(root + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(root + "/s-0000000000");
        assertThat(zk.create(root + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(root + "/s-0000000001");
        // A plain child's creation counts too.
        zk.create(root + "/plain", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThat(zk.create(root + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(root + "/s-0000000003");
        // Deletes do not count for the suffix, although they do for the cversion clients see: ZooKeeper keeps the
        // number of child creations and reports cversion as 2 * creations - children (creations + deletions).
        zk.delete(root + "/s-0000000000", -1);
        zk.delete(root + "/plain", -1);
        assertThat(zk.create(root + "/other-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(root + "/other-0000000004");
        // A sequential child with an empty name prefix is just the number.
        assertThat(zk.create(root + "/", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(root + "/0000000005");
        Stat parent = zk.exists(root, false);
        assertThat(parent.getCversion()).isEqualTo(6 + 2);
        assertThat(parent.getNumChildren()).isEqualTo(4);
    }

    @OnEachServer
    void ephemeralSequentialNodeHasBothASuffixAndAnOwner(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat stat = new Stat();
        String path = zk.create(root + "/es-", bytes("v"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL,
                stat);
        assertThat(path).isEqualTo(root + "/es-0000000000");
        assertThat(stat.getEphemeralOwner()).isEqualTo(zk.getSessionId());
        assertThat(zk.getEphemerals(root)).containsExactly(path);
    }

    @OnEachServer
    void containerIsDeletedOnceItsLastChildIsGoneButANeverUsedOneStays(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat stat = new Stat();
        zk.create(root + "/used", null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, stat);
        zk.create(root + "/never-used", null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        assertThat(stat.getEphemeralOwner()).isEqualTo(MARKED_OWNER_AS_CLIENTS_SEE_IT);
        assertThat(zk.exists(root + "/used", false).getEphemeralOwner()).isEqualTo(MARKED_OWNER_AS_CLIENTS_SEE_IT);
        zk.create(root + "/used/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.delete(root + "/used/child", -1);

        await("empty container reaped").atMost(REAPING_WAIT_MAX).until(() -> zk.exists(root + "/used", false) == null);
        assertThat(zk.exists(root + "/never-used", false)).isNotNull();
    }

    @OnEachServer
    void containerWithAChildIsKept(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/kept", null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create(root + "/kept/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/kept/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/reaped", null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create(root + "/reaped/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.delete(root + "/kept/a", -1);
        zk.delete(root + "/reaped/a", -1);

        // Once the emptied container is gone, the reaper has looked at the other one too, and kept it.
        await("empty container reaped").atMost(REAPING_WAIT_MAX).until(() -> zk.exists(root + "/reaped", false) == null);
        assertThat(zk.getChildren(root + "/kept", false)).containsExactly("b");
    }

    @OnEachServer
    void ttlNodeExpiresWhenChildlessAndShowsNoOwner(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat stat = new Stat();
        zk.create(root + "/ttl", bytes("t"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, stat, TTL_MILLIS);
        assertThat(stat.getEphemeralOwner()).isEqualTo(MARKED_OWNER_AS_CLIENTS_SEE_IT);
        Stat read = new Stat();
        assertThat(zk.getData(root + "/ttl", false, read)).isEqualTo(bytes("t"));
        assertThat(read).isEqualTo(stat);

        await("TTL node expired").atMost(REAPING_WAIT_MAX).until(() -> zk.exists(root + "/ttl", false) == null);
    }

    @OnEachServer
    void ttlNodeWithAChildOutlivesItsTtlUntilTheChildGoes(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/parent", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, TTL_MILLIS);
        zk.create(root + "/parent/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/alone", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, TTL_MILLIS);

        await("childless TTL node expired").atMost(REAPING_WAIT_MAX)
                .until(() -> zk.exists(root + "/alone", false) == null);
        assertThat(zk.exists(root + "/parent", false)).isNotNull();

        zk.delete(root + "/parent/child", -1);
        await("emptied TTL node expired").atMost(REAPING_WAIT_MAX)
                .until(() -> zk.exists(root + "/parent", false) == null);
    }

    @OnEachServer
    void sequentialTtlNodeGetsASuffix(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/keep", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat stat = new Stat();
        long ttlMillis = 60_000;
        String path = zk.create(root + "/st-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL,
                stat, ttlMillis);
        assertThat(path).isEqualTo(root + "/st-0000000001");
        assertThat(stat.getEphemeralOwner()).isEqualTo(MARKED_OWNER_AS_CLIENTS_SEE_IT);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
