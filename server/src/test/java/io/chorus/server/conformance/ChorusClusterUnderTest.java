package io.chorus.server.conformance;

import static org.awaitility.Awaitility.await;

import io.chorus.server.cluster.FourLetterWord;
import io.chorus.server.cluster.LocalCluster;
import io.chorus.server.cluster.LocalNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three Chorus server processes (each its own JVM with its own data directory, as {@code ./chorus cluster} starts
 * them) running one consensus protocol, configured like the single node. The tests are spread over them: every
 * client of one test connects to the same server, the next test's to the next server, so that the suite runs on
 * the leader and on followers (whose writes are forwarded) alike. Within a test the scenarios expect what one
 * server gives (a client reads what another client's acknowledged write made); across servers ZooKeeper promises
 * that only after a sync, which the ensemble tests exercise.
 */
final class ChorusClusterUnderTest implements ServerUnderTest {
    static final int SIZE = 3;
    /** A JVM per node: starting three on a busy two-core machine takes a while. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ServerKind kind;
    private final LocalCluster cluster;
    /** The server this test's clients connect to. */
    private final AtomicInteger server = new AtomicInteger(1);

    private ChorusClusterUnderTest(ServerKind kind, LocalCluster cluster) {
        this.kind = kind;
        this.cluster = cluster;
    }

    static ChorusClusterUnderTest start(ServerKind kind, String protocol, ServerSettings settings, Path dataDir)
            throws IOException {
        Map<String, String> config = Map.of(
                "tickTime", Integer.toString(settings.tickTimeMillis()),
                "initLimit", "10",
                "syncLimit", "5",
                "minSessionTimeout", Integer.toString(settings.minSessionTimeoutMillis()),
                "maxSessionTimeout", Integer.toString(settings.maxSessionTimeoutMillis()),
                "extendedTypesEnabled", Boolean.toString(settings.extendedTypesEnabled()),
                "znode.container.checkIntervalMs", Integer.toString(settings.containerCheckIntervalMillis()),
                "superDigest", DigestCredential.SUPER.digestId(),
                "protocol", protocol);
        LocalCluster cluster = LocalCluster.start(SIZE, dataDir, LocalCluster.freeBasePort(SIZE), config);
        ChorusClusterUnderTest under = new ChorusClusterUnderTest(kind, cluster);
        try {
            under.awaitConverged();
        } catch (RuntimeException | Error e) {
            under.close();
            throw e;
        }
        return under;
    }

    @Override
    public ServerKind kind() {
        return kind;
    }

    @Override
    public void testStarting() {
        server.set(1 + Math.floorMod(server.get(), SIZE));
    }

    @Override
    public InetSocketAddress clientAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), cluster.node(server.get()).clientPort());
    }

    /** Every process stops, then all start again from their disks. */
    @Override
    public void restart() throws IOException {
        for (LocalNode node : cluster.nodes()) {
            node.stop();
        }
        for (LocalNode node : cluster.nodes()) {
            node.restart();
        }
        awaitConverged();
    }

    /** Once every server has applied the same zxid with the same tree, that tree's digest. */
    @Override
    public long treeDigest() {
        return Long.parseLong(awaitConverged().get("chorus_tree_digest"));
    }

    @Override
    public void close() {
        cluster.close();
    }

    /** Waits for one leader, the others following, all at the same applied zxid and digest; one server's mntr. */
    private Map<String, String> awaitConverged() {
        cluster.waitUntilServing(START_TIMEOUT);
        return await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Map<String, String>> all = cluster.nodes().stream().map(ChorusClusterUnderTest::mntr).toList();
            boolean oneLeader = all.stream().filter(m -> "leader".equals(m.get("zk_server_state"))).count() == 1;
            boolean restFollow = all.stream().allMatch(m -> List.of("leader", "follower")
                    .contains(m.get("zk_server_state")));
            boolean same = all.stream().map(m -> m.get("chorus_last_applied_zxid") + "/" + m.get("chorus_tree_digest"))
                    .distinct().count() == 1;
            return oneLeader && restFollow && same ? all.get(0) : null;
        }, converged -> converged != null);
    }

    private static Map<String, String> mntr(LocalNode node) {
        try {
            return FourLetterWord.mntrValues(node.ask("mntr"));
        } catch (IOException e) {
            return Map.of("zk_server_state", "down");
        }
    }
}
