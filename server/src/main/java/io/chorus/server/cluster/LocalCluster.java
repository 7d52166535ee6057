package io.chorus.server.cluster;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A local ensemble of real {@code chorus server} processes on 127.0.0.1, for {@code ./chorus cluster},
 * tests that kill and restart nodes, and benchmarks. Node {@code i} lives in {@code <dataDir>/node-<i>}
 * (zoo.cfg, myid, server.log, its snapshots and log) with the ports of {@link ClusterPorts}. Each node is
 * {@code <java.home>/bin/java -cp <java.class.path> io.chorus.server.cli.ChorusCommand server --config
 * <node dir>/zoo.cfg}, so the caller's classpath must hold the server. Closing stops every node.
 */
public final class LocalCluster implements AutoCloseable {
    /** The address every node binds and advertises. */
    public static final String HOST = "127.0.0.1";
    public static final String MAIN_CLASS = "io.chorus.server.cli.ChorusCommand";
    /** zoo.cfg keys the cluster writes itself and a caller may not override. */
    public static final Set<String> OWNED_KEYS = Set.of("dataDir", "dataLogDir", "clientPort", "clientPortAddress");
    /** Range {@link #freeBasePort} picks from: above the usual 2181.. ports, below Linux's ephemeral range. */
    static final int FREE_BASE_LOW = 10_000;
    static final int FREE_BASE_HIGH = 28_000;
    static final int FREE_BASE_ATTEMPTS_MAX = 100;

    /** Told when a node's process exits without having been killed, stopped or restarted through its handle. */
    @FunctionalInterface
    public interface ExitListener {
        void exited(LocalNode node, int exitCode);
    }

    private final ClusterPorts ports;
    private final List<LocalNode> nodes;

    private LocalCluster(ClusterPorts ports, List<LocalNode> nodes) {
        this.ports = ports;
        this.nodes = List.copyOf(nodes);
    }

    /** Writes every node's files, checks that every port is free, and starts every node. */
    public static LocalCluster start(int nodes, Path dataDir, int basePort, Map<String, String> extraConfig)
            throws IOException {
        return start(nodes, dataDir, basePort, extraConfig, (node, code) -> { });
    }

    /** As {@link #start(int, Path, int, Map)}, telling {@code onUnexpectedExit} when a node dies by itself. */
    public static LocalCluster start(int nodes, Path dataDir, int basePort, Map<String, String> extraConfig,
            ExitListener onUnexpectedExit) throws IOException {
        checkPortsFree(new ClusterPorts(basePort, nodes));
        LocalCluster cluster = create(nodes, dataDir, basePort, extraConfig, onUnexpectedExit);
        try {
            for (LocalNode node : cluster.nodes) {
                node.launch();
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Writes every node's directory, zoo.cfg and myid without starting anything. {@code extraConfig} adds
     * zoo.cfg keys (tickTime, initLimit, syncLimit, protocol, ...) or overrides the defaults written; the
     * keys the cluster derives itself ({@link #OWNED_KEYS}, server.N) are refused.
     */
    public static LocalCluster create(int nodes, Path dataDir, int basePort, Map<String, String> extraConfig,
            ExitListener onUnexpectedExit) throws IOException {
        ClusterPorts ports = new ClusterPorts(basePort, nodes);
        for (String key : extraConfig.keySet()) {
            if (OWNED_KEYS.contains(key) || key.startsWith("server.")) {
                throw new IllegalArgumentException(key + " is derived by the local cluster and cannot be set");
            }
        }
        Path root = dataDir.toAbsolutePath().normalize();
        List<String> serverLines = serverLines(ports);
        List<LocalNode> handles = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            Path dir = Files.createDirectories(root.resolve("node-" + id));
            Path configFile = dir.resolve("zoo.cfg");
            Files.writeString(configFile, zooCfg(id, nodes, dir, ports, extraConfig, serverLines),
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("myid"), id + "\n", StandardCharsets.UTF_8);
            handles.add(new LocalNode(id, ports.clientPort(id), dir, configFile, command(configFile),
                    onUnexpectedExit));
        }
        return new LocalCluster(ports, handles);
    }

    private static List<String> serverLines(ClusterPorts ports) {
        List<String> lines = new ArrayList<>();
        for (int id = 1; id <= ports.nodes(); id++) {
            lines.add("server." + id + "=" + HOST + ":" + ports.quorumPort(id) + ":" + ports.electionPort(id)
                    + ";" + ports.clientPort(id));
        }
        return lines;
    }

    private static String zooCfg(int id, int nodes, Path dir, ClusterPorts ports, Map<String, String> extraConfig,
            List<String> serverLines) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("tickTime", "2000");
        keys.put("initLimit", "10");
        keys.put("syncLimit", "5");
        keys.putAll(new TreeMap<>(extraConfig));
        keys.put("dataDir", dir.toString());
        keys.put("clientPortAddress", HOST);
        keys.put("clientPort", Integer.toString(ports.clientPort(id)));
        StringBuilder out = new StringBuilder();
        out.append("# Node ").append(id).append(" of ").append(nodes)
                .append(", written by the local cluster (rewritten on every start). Its id is in myid.\n");
        keys.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
        serverLines.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static List<String> command(Path configFile) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MAIN_CLASS, "server", "--config", configFile.toString());
    }

    /** Refuses with a {@link BindException} naming the first port something already listens on. */
    public static void checkPortsFree(ClusterPorts ports) throws BindException {
        for (int id = 1; id <= ports.nodes(); id++) {
            checkFree(ports.clientPort(id), "client port of node " + id);
            checkFree(ports.quorumPort(id), "quorum port of node " + id);
            checkFree(ports.electionPort(id), "election port of node " + id);
        }
    }

    private static void checkFree(int port, String what) throws BindException {
        if (!isFree(port)) {
            throw new BindException("port " + port + " (" + what + ") is already in use");
        }
    }

    /** True when nothing listens on {@code port} (tried by binding it on every address, as servers do). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A base port whose every derived port is free right now (another process may still take one before the
     * cluster starts; {@link #start} then names it).
     */
    public static int freeBasePort(int nodes) {
        for (int attempt = 0; attempt < FREE_BASE_ATTEMPTS_MAX; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(FREE_BASE_LOW, FREE_BASE_HIGH);
            if (new ClusterPorts(base, nodes).all().stream().allMatch(LocalCluster::isFree)) {
                return base;
            }
        }
        throw new IllegalStateException("no free base port for " + nodes + " nodes after "
                + FREE_BASE_ATTEMPTS_MAX + " attempts");
    }

    public ClusterPorts ports() {
        return ports;
    }

    /** Every node, node 1 first. */
    public List<LocalNode> nodes() {
        return nodes;
    }

    /** Node {@code id} (1-based). */
    public LocalNode node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("node must be 1.." + nodes.size() + ", not " + id);
        }
        return nodes.get(id - 1);
    }

    /** {@code 127.0.0.1:p1,127.0.0.1:p2,...}, for any ZooKeeper-protocol client. */
    public String connectString() {
        return nodes.stream().map(node -> HOST + ":" + node.clientPort()).collect(Collectors.joining(","));
    }

    /** Waits until every node answers {@code ruok}, all within {@code timeout}. */
    public void waitUntilServing(Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        for (LocalNode node : nodes) {
            node.waitUntilServing(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
        }
    }

    /** Stops every running node: SIGTERM to all at once, then up to {@link LocalNode#STOP_TIMEOUT} each. */
    @Override
    public void close() {
        List<Process> stopping = new ArrayList<>();
        for (LocalNode node : nodes) {
            Process p = node.beginStop();
            if (p != null) {
                stopping.add(p);
            }
        }
        stopping.forEach(LocalNode::finishStop);
    }
}
