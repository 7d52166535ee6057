package io.chorus.bench.ensemble;

import io.chorus.bench.process.BenchException;
import io.chorus.bench.process.ChildJvm;
import io.chorus.bench.process.Loopback;
import io.chorus.bench.process.RunCleanup;
import io.chorus.server.cluster.ClusterPorts;
import io.chorus.server.cluster.FourLetterWord;
import io.chorus.server.cluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * N server JVMs of one {@link EnsembleType} on loopback, started by the bench with the shared {@link ChildJvm}
 * settings. Nodes can be killed (SIGKILL) and restarted one by one from their own directories. The
 * {@link RunCleanup} owns every process started, restarts included; {@link #close()} stops them earlier.
 */
public final class Ensemble implements AutoCloseable {
    /** How long a killed or stopped node may take to disappear. */
    static final long EXIT_WAIT_MILLIS = 15_000;
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final int LOG_TAIL_LINES = 30;

    /** One node: its client port, command line, log file and current process. */
    public static final class Node {
        private final int id;
        private final int clientPort;
        private final List<String> command;
        private final Path logFile;
        private final Path stdin;
        private final RunCleanup cleanup;
        private Process process;

        Node(int id, int clientPort, List<String> command, Path logFile, Path stdin, RunCleanup cleanup) {
            this.id = id;
            this.clientPort = clientPort;
            this.command = List.copyOf(command);
            this.logFile = logFile;
            this.stdin = stdin;
            this.cleanup = cleanup;
        }

        public int id() {
            return id;
        }

        public int clientPort() {
            return clientPort;
        }

        public String connectString() {
            return Loopback.HOST + ":" + clientPort;
        }

        public synchronized long pid() {
            return process == null ? -1 : process.pid();
        }

        public synchronized boolean isAlive() {
            return process != null && process.isAlive();
        }

        synchronized void launch() {
            if (isAlive()) {
                throw new IllegalStateException("node " + id + " already runs");
            }
            try {
                Process started = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(Redirect.appendTo(logFile.toFile()))
                        .redirectInput(Redirect.from(stdin.toFile()))
                        .start();
                cleanup.own(started);
                process = started;
            } catch (IOException e) {
                throw new BenchException("cannot start node " + id + ": " + e.getMessage(), e);
            }
        }

        /** SIGKILL; returns once the process is gone. */
        public void kill() {
            Process p;
            synchronized (this) {
                p = process;
            }
            if (p == null || !p.isAlive()) {
                return;
            }
            p.destroyForcibly();
            awaitExit(p);
        }

        /** SIGTERM, then SIGKILL if it lingers. */
        void stop() {
            Process p;
            synchronized (this) {
                p = process;
            }
            if (p == null || !p.isAlive()) {
                return;
            }
            p.destroy();
            if (!awaitExit(p)) {
                p.destroyForcibly();
                awaitExit(p);
            }
        }

        /** Starts the node again from its own directory; it must have been killed or stopped. */
        public void restart() {
            launch();
        }

        private boolean awaitExit(Process p) {
            try {
                return p.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while node " + id + " exited", e);
            }
        }

        /** The node's role from {@code srvr} ("leader", "follower", ...), or empty when it does not serve. */
        public Optional<String> mode() {
            try {
                String answer = FourLetterWord.ask(Loopback.HOST, clientPort, "srvr", PROBE_TIMEOUT);
                for (String line : answer.split("\n")) {
                    if (line.startsWith("Mode: ")) {
                        return Optional.of(line.substring("Mode: ".length()).trim());
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        String logTail() {
            try {
                List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + logFile, e);
            }
        }

        @Override
        public String toString() {
            return "node " + id + " (port " + clientPort + ", pid " + pid() + ")";
        }
    }

    private final EnsembleType type;
    private final List<Node> nodes;

    private Ensemble(EnsembleType type, List<Node> nodes) {
        this.type = type;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Writes the node files under {@code root} and starts every node on free ports. Returns at once: use
     * {@link #awaitWhole} to wait until the ensemble serves with a leader.
     */
    public static Ensemble start(EnsembleType type, int size, ChildJvm jvm, Path root, RunCleanup cleanup) {
        try {
            ClusterPorts ports = new ClusterPorts(LocalCluster.freeBasePort(size), size);
            List<List<String>> mains = type.writeNodes(ports, root);
            List<String> flags = new ArrayList<>(type.jvmFlags());
            flags.add(loggingFlag(root));
            Path stdin = root.resolve("stdin.empty");
            Files.write(stdin, new byte[0]);
            List<Node> nodes = new ArrayList<>();
            for (int id = 1; id <= size; id++) {
                Path log = root.resolve(type.displayName().replace(' ', '-') + "-node-" + id + ".log");
                nodes.add(new Node(id, ports.clientPort(id), jvm.command(flags, mains.get(id - 1)), log, stdin,
                        cleanup));
            }
            Ensemble ensemble = new Ensemble(type, nodes);
            nodes.forEach(Node::launch);
            return ensemble;
        } catch (IOException e) {
            throw new BenchException("cannot set up the " + type.displayName() + " ensemble: " + e.getMessage(), e);
        }
    }

    /** The same quiet logback configuration the single servers get: warnings and errors only. */
    private static String loggingFlag(Path dir) throws IOException {
        Path file = dir.resolve("logback-child.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="CONSOLE"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        return "-Dlogback.configurationFile=" + file.toAbsolutePath();
    }

    public EnsembleType type() {
        return type;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    /** Each node's own connect string, node 1 first: a session given one of these talks to that server only. */
    public List<String> perNodeConnectStrings() {
        return nodes.stream().map(Node::connectString).toList();
    }

    /** The connect string of every node except {@code excluded} (null: of every node). */
    public String connectStringWithout(Node excluded) {
        return nodes.stream().filter(n -> n != excluded).map(Node::connectString).collect(Collectors.joining(","));
    }

    /** The node that reports itself leader right now, if exactly one does. */
    public Optional<Node> leader() {
        List<Node> leaders = nodes.stream().filter(n -> n.mode().filter("leader"::equals).isPresent()).toList();
        return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    /**
     * Waits until every node runs and serves, one as leader and the others as followers.
     *
     * @throws BenchException when a node exits or the ensemble is not whole within {@code timeout}
     */
    public void awaitWhole(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int leaders = 0;
            int followers = 0;
            for (Node node : nodes) {
                if (!node.isAlive()) {
                    throw new BenchException(type.displayName() + " " + node + " exited; last lines of its log:\n"
                            + node.logTail());
                }
                String mode = node.mode().orElse("");
                if (mode.equals("leader")) {
                    leaders++;
                } else if (mode.equals("follower")) {
                    followers++;
                }
            }
            if (leaders == 1 && leaders + followers == nodes.size()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                StringBuilder modes = new StringBuilder();
                for (Node node : nodes) {
                    modes.append("\n  ").append(node).append(": ").append(node.mode().orElse("not serving"));
                }
                throw new BenchException(type.displayName() + " ensemble not whole within " + timeout.toMillis()
                        + " ms:" + modes + "\nlast lines of node 1's log:\n" + nodes.get(0).logTail());
            }
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
        }
    }

    /** Stops every node: SIGTERM to all, then SIGKILL to those that linger. */
    @Override
    public void close() {
        List<Process> stopping = new ArrayList<>();
        for (Node node : nodes) {
            synchronized (node) {
                if (node.process != null && node.process.isAlive()) {
                    node.process.destroy();
                    stopping.add(node.process);
                }
            }
        }
        for (Process p : stopping) {
            try {
                if (!p.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
