package io.chorus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/** What the fault tests ask of a {@link LocalCluster} through four-letter words and per-server clients. */
final class EnsembleChecks {
    static final Duration SERVING_TIMEOUT = Duration.ofSeconds(60);
    static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    static final int SESSION_TIMEOUT_MILLIS = 10_000;
    /** tickTime 500 ms as in the existing cluster test: fast elections, session timeouts up to 10 s. */
    /** The zoo.cfg lines of an ensemble running {@code protocol}. */
    static Map<String, String> config(String protocol) {
        return Map.of("tickTime", "500", "initLimit", "20", "syncLimit", "10", "protocol", protocol);
    }
    private static final Pattern MODE = Pattern.compile("(?m)^Mode: (\\S+)$");

    private EnsembleChecks() {
    }

    /** The node's srvr Mode, or "down" when it does not answer. */
    static String mode(LocalNode node) {
        String srvr;
        try {
            srvr = node.ask("srvr");
        } catch (IOException e) {
            return "down";
        }
        Matcher m = MODE.matcher(srvr);
        return m.find() ? m.group(1) : "unparsable: " + srvr;
    }

    static Map<String, String> mntr(LocalNode node) {
        try {
            return FourLetterWord.mntrValues(node.ask("mntr"));
        } catch (IOException e) {
            return Map.of("zk_server_state", "down");
        }
    }

    /**
     * Waits until exactly one of {@code members} leads and the others follow, and returns the leader.
     */
    static LocalNode awaitLeader(List<LocalNode> members, Duration timeout) {
        LocalNode[] leader = new LocalNode[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Map<Integer, String> modes = new HashMap<>();
            members.forEach(node -> modes.put(node.id(), mode(node)));
            List<LocalNode> leaders = members.stream().filter(n -> "leader".equals(modes.get(n.id()))).toList();
            assertThat(leaders).as("leaders among %s", modes).hasSize(1);
            assertThat(modes.values()).as("modes %s", modes).allMatch(m -> m.equals("leader") || m.equals("follower"));
            leader[0] = leaders.get(0);
        });
        return leader[0];
    }

    static LocalNode awaitLeader(LocalCluster cluster) {
        return awaitLeader(cluster.nodes(), SERVING_TIMEOUT);
    }

    /** Waits until a restarted node answers and has joined the ensemble as leader or follower. */
    static void awaitMember(LocalNode node, Duration timeout) {
        node.waitUntilServing(timeout);
        await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(mode(node)).as("%s", node).isIn("leader", "follower"));
    }

    /**
     * Waits until all nodes are members with one leader and report the same last applied zxid and tree digest.
     */
    static void awaitConverged(LocalCluster cluster, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<Map<String, String>> all = cluster.nodes().stream().map(EnsembleChecks::mntr).toList();
            String summary = summary(cluster, all);
            assertThat(all).as(summary).allMatch(m -> Set.of("leader", "follower").contains(m.get("zk_server_state")));
            assertThat(all.stream().filter(m -> "leader".equals(m.get("zk_server_state")))).as(summary).hasSize(1);
            assertThat(all.stream().map(m -> m.get("chorus_last_applied_zxid")).distinct()).as(summary).hasSize(1);
            assertThat(all.stream().map(m -> m.get("chorus_tree_digest")).distinct()).as(summary).hasSize(1);
            assertThat(all.stream().map(m -> m.get("chorus_leader_id")).distinct()).as(summary).hasSize(1);
            assertThat(all.stream().map(m -> m.get("chorus_epoch")).distinct()).as(summary).hasSize(1);
        });
    }

    private static String summary(LocalCluster cluster, List<Map<String, String>> all) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            Map<String, String> m = all.get(i);
            out.append(String.format("node %d: %s zxid=%s digest=%s epoch=%s leader=%s%n", cluster.nodes().get(i).id(),
                    m.get("zk_server_state"), m.get("chorus_last_applied_zxid"), m.get("chorus_tree_digest"),
                    m.get("chorus_epoch"), m.get("chorus_leader_id")));
        }
        return out.toString();
    }

    /** A stock client connected to this one server only. */
    static ZooKeeper connectTo(LocalNode node) throws IOException {
        return connect(LocalCluster.HOST + ":" + node.clientPort());
    }

    static ZooKeeper connect(String connectString) throws IOException {
        ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MILLIS, event -> { });
        await().atMost(FAILOVER_TIMEOUT).until(() -> zk.getState().isConnected());
        return zk;
    }

    /**
     * Through a client of each server alone: every path in {@code expected} is a child of {@code parent} and
     * holds its expected data.
     */
    static void assertEveryServerHas(LocalCluster cluster, String parent, Map<String, String> expected)
            throws Exception {
        for (LocalNode node : cluster.nodes()) {
            ZooKeeper zk = connectTo(node);
            try {
                Set<String> children = new HashSet<>();
                zk.getChildren(parent, false).forEach(child -> children.add(parent + "/" + child));
                Set<String> missing = new HashSet<>(expected.keySet());
                missing.removeAll(children);
                assertThat(missing).as("acknowledged znodes missing on %s (of %d)", node, expected.size()).isEmpty();
                Map<String, String> read = new ConcurrentHashMap<>();
                CountDownLatch answered = new CountDownLatch(expected.size());
                for (String path : expected.keySet()) {
                    zk.getData(path, false, (rc, p, ctx, data, stat) -> {
                        read.put(p, rc == KeeperException.Code.OK.intValue()
                                ? new String(data, StandardCharsets.UTF_8) : "error " + KeeperException.Code.get(rc));
                        answered.countDown();
                    }, null);
                }
                assertThat(answered.await(FAILOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                        .as("every getData on %s answered", node).isTrue();
                assertThat(read).as("data on %s", node).containsExactlyInAnyOrderEntriesOf(expected);
            } finally {
                zk.close(2_000);
            }
        }
    }

    /** {@link #assertEveryServerHas} for a write load's znodes, whose data is their own path. */
    static void assertEveryServerHas(LocalCluster cluster, String parent, Set<String> acknowledged) throws Exception {
        assertEveryServerHas(cluster, parent,
                acknowledged.stream().collect(Collectors.toMap(p -> p, p -> p)));
    }

    /** Creates {@code path} through any server, retrying while the ensemble fails over. */
    static void createParent(LocalCluster cluster, String path) throws Exception {
        ZooKeeper zk = connect(cluster.connectString());
        try {
            await().atMost(FAILOVER_TIMEOUT).ignoreException(KeeperException.ConnectionLossException.class)
                    .until(() -> {
                        try {
                            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                        } catch (KeeperException.NodeExistsException e) {
                            // landed before a connection loss
                        }
                        return true;
                    });
        } finally {
            zk.close(2_000);
        }
    }
}
