package io.chorus.server.conformance;

import static io.chorus.server.conformance.ErrorCodesTest.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server without extended types (ZooKeeper's default) refuses TTL nodes and still serves everything else. */
@Timeout(60)
class TtlDisabledTest {

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.with(
            ServerSettings.defaults().withExtendedTypesEnabled(false));

    @OnEachServer
    void ttlCreateIsRefusedAsUnimplemented(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);

        assertFailsWith(Code.UNIMPLEMENTED, root + "/ttl",
                () -> zk.create(root + "/ttl", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, 1000));
        assertFailsWith(Code.UNIMPLEMENTED, root + "/sttl-", () -> zk.create(root + "/sttl-", null,
                Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, null, 1000));
        zk.create(root + "/container", null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        assertThat(zk.getChildren(root, false)).containsExactly("container");
    }
}
