package io.chorus.server.cluster;

import static io.chorus.server.cluster.EnsembleChecks.FAILOVER_TIMEOUT;
import static io.chorus.server.cluster.EnsembleChecks.SERVING_TIMEOUT;
import static io.chorus.server.cluster.EnsembleChecks.SESSION_TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole three-server ensemble is killed with SIGKILL (while a write load runs) and started again from its
 * disks, with snapshots taken every few hundred transactions so that recovery loads a snapshot and replays the log
 * after it: a leader is elected, every acknowledged write is on every server and the servers agree.
 */
@Tag("cluster")
class EnsembleFullRestartTest {
    private static final String KNOWN = "/known";
    private static final String LOAD = "/load";
    private static final int KNOWN_COUNT = 300;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zab", "paxos-lite"})
    void theWholeEnsembleKilledComesBackWithEveryAcknowledgedWrite(String protocol) throws Exception {
        List<String> unexpectedExits = new CopyOnWriteArrayList<>();
        Map<String, String> config = new HashMap<>(EnsembleChecks.config(protocol));
        config.put("snapCount", "200");
        try (LocalCluster cluster = LocalCluster.start(3, dir, LocalCluster.freeBasePort(3), config,
                (node, code) -> unexpectedExits.add(node + " exited with " + code))) {
            cluster.waitUntilServing(SERVING_TIMEOUT);
            EnsembleChecks.awaitLeader(cluster);
            EnsembleChecks.createParent(cluster, LOAD);

            // A known set, written by one client (pipelined; FIFO order per session): creates, then every third
            // one overwritten. Nothing fails meanwhile, so every one of them must be acknowledged.
            Map<String, String> known = new LinkedHashMap<>();
            Map<String, String> failed = new ConcurrentHashMap<>();
            ZooKeeper zk = EnsembleChecks.connect(cluster.connectString());
            try {
                zk.create(KNOWN, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                CountDownLatch answered = new CountDownLatch(KNOWN_COUNT + (KNOWN_COUNT + 2) / 3);
                for (int i = 0; i < KNOWN_COUNT; i++) {
                    String path = KNOWN + "/k-" + i;
                    zk.create(path, ("v0-" + i).getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT, (rc, p, ctx, name) -> {
                                if (rc != KeeperException.Code.OK.intValue()) {
                                    failed.put("create " + p, KeeperException.Code.get(rc).name());
                                }
                                answered.countDown();
                            }, null);
                    known.put(path, "v0-" + i);
                }
                for (int i = 0; i < KNOWN_COUNT; i += 3) {
                    String path = KNOWN + "/k-" + i;
                    zk.setData(path, ("v1-" + i).getBytes(StandardCharsets.UTF_8), 0, (rc, p, ctx, stat) -> {
                        if (rc != KeeperException.Code.OK.intValue()) {
                            failed.put("setData " + p, KeeperException.Code.get(rc).name());
                        }
                        answered.countDown();
                    }, null);
                    known.put(path, "v1-" + i);
                }
                assertThat(answered.await(FAILOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                assertThat(failed).isEmpty();
            } finally {
                zk.close(2_000);
            }
            long epochBefore = Long.parseLong(EnsembleChecks.mntr(EnsembleChecks.awaitLeader(cluster))
                    .get("chorus_epoch"));

            WriteLoad load = WriteLoad.start(cluster.connectString(), LOAD, 2, SESSION_TIMEOUT_MILLIS);
            try {
                long[] before = load.ackedPerWriter();
                await().atMost(FAILOVER_TIMEOUT).until(() -> load.everyWriterProgressedSince(before)
                        && load.acknowledgedCount() >= 200);
                for (LocalNode node : cluster.nodes()) {
                    node.kill();
                }
                for (LocalNode node : cluster.nodes()) {
                    assertThat(node.isAlive()).isFalse();
                }
                for (LocalNode node : cluster.nodes()) {
                    node.restart();
                }
                cluster.waitUntilServing(SERVING_TIMEOUT);
                LocalNode leader = EnsembleChecks.awaitLeader(cluster);
                assertThat(Long.parseLong(EnsembleChecks.mntr(leader).get("chorus_epoch")))
                        .as("a new epoch after the restart").isGreaterThan(epochBefore);
                long[] afterRestart = load.ackedPerWriter();
                await().atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(50))
                        .until(() -> load.everyWriterProgressedSince(afterRestart));
            } finally {
                load.close();
            }
            assertThat(load.unexpected()).isEmpty();

            EnsembleChecks.awaitConverged(cluster, FAILOVER_TIMEOUT);
            EnsembleChecks.assertEveryServerHas(cluster, KNOWN, known);
            EnsembleChecks.assertEveryServerHas(cluster, LOAD, load.acknowledged());
            for (LocalNode node : cluster.nodes()) {
                ZooKeeper one = EnsembleChecks.connectTo(node);
                try {
                    assertThat(one.getChildren(KNOWN, false)).as("%s", node).hasSize(KNOWN_COUNT);
                } finally {
                    one.close(2_000);
                }
            }
            System.out.printf("%d known, %d load creates acknowledged, errors seen %s%n", known.size(),
                    load.acknowledgedCount(), load.errors());
        }
        assertThat(unexpectedExits).isEmpty();
    }
}
