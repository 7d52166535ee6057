package io.chorus.server.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A three-server Zab ensemble in one JVM, used with the stock ZooKeeper client. */
class EnsembleTest {
    @TempDir
    Path dir;

    @Test
    void electsOneLeaderAndServesWritesAndReadsFromEveryServer() throws Exception {
        try (LocalEnsemble ensemble = LocalEnsemble.start(3, dir)) {
            int leader = ensemble.awaitLeader();
            int follower = leader == 1 ? 2 : 1;
            int other = 6 - leader - follower;
            try (ZooKeeper writer = connect(ensemble.connectString(follower));
                    ZooKeeper reader = connect(ensemble.connectString(other))) {
                String path = writer.create("/forwarded", "v1".getBytes(StandardCharsets.UTF_8),
                        ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                assertThat(path).isEqualTo("/forwarded");
                Stat written = writer.setData("/forwarded", "v2".getBytes(StandardCharsets.UTF_8), 0);
                // sync then read on another server: it has applied everything the leader had committed
                CountDownLatch synced = new CountDownLatch(1);
                reader.sync("/forwarded", (rc, p, ctx) -> synced.countDown(), null);
                assertThat(synced.await(10, TimeUnit.SECONDS)).isTrue();
                Stat read = new Stat();
                assertThat(new String(reader.getData("/forwarded", false, read), StandardCharsets.UTF_8))
                        .isEqualTo("v2");
                assertThat(read.getMzxid()).isEqualTo(written.getMzxid());
            }
            ensemble.awaitSameTrees();
        }
    }

    @Test
    void aNewLeaderTakesOverAndTheOldOneRejoinsFromDisk() throws Exception {
        // The client asks for 10 s; the tick's default bound (20 ticks, 2 s) left too little for an election plus the
        // stock client's reconnect back-off on a loaded machine, and its session expired in one CI run in six.
        try (LocalEnsemble ensemble = LocalEnsemble.start(3, dir, b -> b.sessionTimeoutBoundsMillis(200, 10_000))) {
            int leader = ensemble.awaitLeader();
            try (ZooKeeper client = connect(ensemble.connectString())) {
                for (int i = 0; i < 20; i++) {
                    client.create("/before-" + i, new byte[] {(byte) i}, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT);
                }
                ensemble.stopServer(leader);
                int next = ensemble.awaitLeader();
                assertThat(next).isNotEqualTo(leader);
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> client.create("/after",
                        new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT) != null);
                ensemble.startServer(leader);
                assertThat(ensemble.awaitLeader()).isEqualTo(next);
                ensemble.awaitSameTrees();
                for (int id : ensemble.runningIds()) {
                    try (ZooKeeper local = connect(ensemble.connectString(id))) {
                        assertThat(local.exists("/after", false)).isNotNull();
                        assertThat(local.getChildren("/", false)).hasSize(22); // 20, /after and /zookeeper
                    }
                }
            }
        }
    }

    static ZooKeeper connect(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(20, TimeUnit.SECONDS)) {
            zk.close();
            throw new IllegalStateException("no connection to " + connectString);
        }
        return zk;
    }
}
