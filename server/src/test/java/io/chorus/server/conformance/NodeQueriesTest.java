package io.chorus.server.conformance;

import static io.chorus.server.conformance.ErrorCodesTest.assertFailsWith;
import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getAllChildrenNumber, getEphemerals and sync. */
@Timeout(60)
class NodeQueriesTest {

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void allChildrenNumberCountsEveryDescendant(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        for (String path : new String[] {"/a", "/a/b", "/a/b/c", "/a/d", "/e"}) {
            zk.create(root + path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        zk.create(root + "/a/b/eph", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        assertThat(zk.getAllChildrenNumber(root)).isEqualTo(6);
        assertThat(zk.getAllChildrenNumber(root + "/a")).isEqualTo(4);
        assertThat(zk.getAllChildrenNumber(root + "/a/b/c")).isZero();
        assertFailsWith(Code.NONODE, root + "/missing", () -> zk.getAllChildrenNumber(root + "/missing"));
    }

    @OnEachServer
    void ephemeralsAreListedPerSessionAndFilteredByPathPrefix(ServerKind kind) throws Exception {
        ZooKeeper mine = servers.connect(kind);
        ZooKeeper theirs = servers.connect(kind);
        String root = servers.createTestRoot(mine);
        mine.create(root + "/dir", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        mine.create(root + "/e1", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        mine.create(root + "/dir/e2", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        mine.create(root + "/extra", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        theirs.create(root + "/e3", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        assertThat(mine.getEphemerals()).containsExactlyInAnyOrder(root + "/e1", root + "/dir/e2", root + "/extra");
        assertThat(mine.getEphemerals(root)).containsExactlyInAnyOrder(root + "/e1", root + "/dir/e2", root + "/extra");
        assertThat(mine.getEphemerals(root + "/dir")).containsExactly(root + "/dir/e2");
        // The filter is a plain string prefix, not a subtree.
        assertThat(mine.getEphemerals(root + "/e")).containsExactlyInAnyOrder(root + "/e1", root + "/extra");
        assertThat(mine.getEphemerals(root + "/nothing-here")).isEmpty();
        assertThat(theirs.getEphemerals(root)).containsExactly(root + "/e3");
    }

    @OnEachServer
    void syncThenReadSeesAnotherClientsAcknowledgedWrite(ServerKind kind) throws Exception {
        ZooKeeper reader = servers.connect(kind);
        ZooKeeper writer = servers.connect(kind);
        String root = servers.createTestRoot(writer);
        writer.create(root + "/n", bytes("old"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData(root + "/n", bytes("new"), -1);

        reader.sync(root + "/n");

        assertThat(reader.getData(root + "/n", false, null)).isEqualTo(bytes("new"));
    }

    @OnEachServer
    void asyncSyncReportsOkAndThePathEvenForAMissingNode(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        CompletableFuture<String> synced = new CompletableFuture<>();
        zk.sync(root + "/missing", (rc, path, ctx) -> synced.complete(Code.get(rc) + " " + path), null);

        assertThat(synced.get(ConformanceServers.REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .isEqualTo(Code.OK + " " + root + "/missing");
    }
}
