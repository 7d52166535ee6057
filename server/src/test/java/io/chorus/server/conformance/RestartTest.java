package io.chorus.server.conformance;

import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Collections;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server stopped and started again from its data directory has every acknowledged write and live session. */
@Timeout(60)
class RestartTest {

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void acknowledgedWritesAndALiveSessionSurviveARestart(ServerKind kind) throws Exception {
        WatchEventLog events = new WatchEventLog();
        ZooKeeper zk = servers.connect(kind, events);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/config", bytes("v0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.setData(root + "/config", bytes("v1"), 0);
        zk.setACL(root + "/config", Ids.READ_ACL_UNSAFE, 0);
        for (int i = 0; i < 3; i++) {
            zk.create(root + "/seq-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        }
        zk.delete(root + "/seq-0000000001", -1);
        zk.create(root + "/ephemeral", bytes("e"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        Map<String, String> before = TreeSnapshot.read(zk, root);
        ServerUnderTest server = servers.server(kind);
        long digestBefore = server.treeDigest();

        server.restart();
        await("client reconnected after the restart").atMost(ConformanceServers.CONNECT_WAIT_MAX)
                .until(() -> Collections.frequency(events.states(), KeeperState.SyncConnected) >= 2);

        assertThat(events.states()).doesNotContain(KeeperState.Expired);
        assertThat(TreeSnapshot.read(zk, root)).isEqualTo(before);
        assertThat(zk.getACL(root + "/config", null)).isEqualTo(Ids.READ_ACL_UNSAFE);
        assertThat(server.treeDigest()).isEqualTo(digestBefore);
        assertThat(zk.create(root + "/seq-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(root + "/seq-0000000005");
    }
}
