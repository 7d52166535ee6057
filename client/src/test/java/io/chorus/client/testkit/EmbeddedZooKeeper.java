package io.chorus.client.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.zookeeper.server.ContainerManager;
import org.apache.zookeeper.server.RequestProcessor;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZKDatabase;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;

/**
 * Apache ZooKeeper 3.9's standalone server in this JVM on an ephemeral loopback port: the server, its
 * connection factory and the container manager (which ZooKeeperServerMain would add, and which deletes empty
 * containers and expired TTL nodes). Writes are fsynced, as in production. The tick is short so that session
 * expiry, containers and TTLs act within a fraction of a second.
 */
public final class EmbeddedZooKeeper implements ServerUnderTest {
    private static final int CONTAINER_DELETIONS_PER_MINUTE_MAX = 10_000;
    private static final int LISTEN_BACKLOG_DEFAULT = -1;
    private static final String EXTENDED_TYPES_PROPERTY = "zookeeper.extendedTypesEnabled";

    /**
     * How the server is configured.
     *
     * @param tickTimeMillis               ZooKeeper's time unit; sessions are checked for expiry once per tick
     * @param minSessionTimeoutMillis      lower bound a requested session timeout is raised to
     * @param maxSessionTimeoutMillis      upper bound a requested session timeout is lowered to
     * @param containerCheckIntervalMillis how often empty containers and expired TTL nodes are looked for
     *                                     (ZooKeeper's default is a minute)
     * @param connectionsPerAddressMax     connections one client address may hold (0: no limit)
     * @param extendedTypesEnabled         TTL nodes allowed; a JVM-wide property ZooKeeper reads per request
     */
    public record Settings(int tickTimeMillis, int minSessionTimeoutMillis, int maxSessionTimeoutMillis,
            int containerCheckIntervalMillis, int connectionsPerAddressMax, boolean extendedTypesEnabled) {
        /** A short tick, so that session expiry, containers and TTLs act within a fraction of a second. */
        public static final Settings FOR_TESTS = new Settings(100, 200, 30_000, 100, 0, true);
    }

    private final Settings settings;
    private final Path dataDir;
    private int port;
    private FileTxnSnapLog snapLog;
    private VisibleProcessorServer server;
    private ServerCnxnFactory connections;
    private ContainerManager containers;

    private EmbeddedZooKeeper(Settings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    public static EmbeddedZooKeeper start(Path dataDir) throws IOException {
        return start(Settings.FOR_TESTS, dataDir);
    }

    public static EmbeddedZooKeeper start(Settings settings, Path dataDir) throws IOException {
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper(settings, dataDir);
        zk.startOn(0);
        return zk;
    }

    private void startOn(int requestedPort) throws IOException {
        System.setProperty(EXTENDED_TYPES_PROPERTY, Boolean.toString(settings.extendedTypesEnabled()));
        try {
            snapLog = new FileTxnSnapLog(dataDir.resolve("log").toFile(), dataDir.resolve("snap").toFile());
            server = new VisibleProcessorServer(snapLog, settings);
            connections = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort),
                    settings.connectionsPerAddressMax());
            connections.startup(server);
            port = connections.getLocalPort();
            containers = new ContainerManager(server.getZKDatabase(), server.firstProcessor(),
                    settings.containerCheckIntervalMillis(), CONTAINER_DELETIONS_PER_MINUTE_MAX);
            containers.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IOException("interrupted while starting ZooKeeper", e);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** The bound client port. */
    public int port() {
        return port;
    }

    /** ZooKeeper's own digest of its tree. */
    public long treeDigest() {
        return server.getZKDatabase().getDataTree().getTreeDigest();
    }

    @Override
    public String connectString() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    @Override
    public void restart() throws IOException {
        int previousPort = port;
        stop();
        startOn(previousPort);
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops what has started, newest first; safe to call twice. */
    private void stop() {
        if (containers != null) {
            containers.stop();
            containers = null;
        }
        if (connections != null) {
            connections.shutdown();
            connections = null;
        }
        if (server != null) {
            server.shutdown();
            server = null;
        }
        try {
            if (snapLog != null) {
                snapLog.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("closing ZooKeeper's log in " + dataDir, e);
        } finally {
            snapLog = null;
        }
    }

    /** The server with the first request processor visible: the container manager submits its deletes there. */
    private static final class VisibleProcessorServer extends ZooKeeperServer {
        VisibleProcessorServer(FileTxnSnapLog snapLog, Settings settings) {
            super(snapLog, settings.tickTimeMillis(), settings.minSessionTimeoutMillis(),
                    settings.maxSessionTimeoutMillis(), LISTEN_BACKLOG_DEFAULT, new ZKDatabase(snapLog), "");
        }

        RequestProcessor firstProcessor() {
            return firstProcessor;
        }
    }
}
