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
    /** ZooKeeper's time unit; sessions are checked for expiry once per tick. */
    static final int TICK_MILLIS = 100;
    static final int SESSION_TIMEOUT_MIN_MILLIS = 2 * TICK_MILLIS;
    static final int SESSION_TIMEOUT_MAX_MILLIS = 30_000;
    /** How often empty containers and expired TTL nodes are looked for (ZooKeeper's default is a minute). */
    static final int CONTAINER_CHECK_INTERVAL_MILLIS = 100;
    private static final int CONTAINER_DELETIONS_PER_MINUTE_MAX = 10_000;
    /** 0: unlimited connections per client address (every test client comes from loopback). */
    private static final int CONNECTIONS_PER_ADDRESS_MAX = 0;
    private static final int LISTEN_BACKLOG_DEFAULT = -1;

    static {
        // Read on every create: TTL nodes are refused unless this is on.
        System.setProperty("zookeeper.extendedTypesEnabled", "true");
    }

    private final Path dataDir;
    private int port;
    private FileTxnSnapLog snapLog;
    private VisibleProcessorServer server;
    private ServerCnxnFactory connections;
    private ContainerManager containers;

    private EmbeddedZooKeeper(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static EmbeddedZooKeeper start(Path dataDir) throws IOException {
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dataDir);
        zk.startOn(0);
        return zk;
    }

    private void startOn(int requestedPort) throws IOException {
        try {
            snapLog = new FileTxnSnapLog(dataDir.resolve("log").toFile(), dataDir.resolve("snap").toFile());
            server = new VisibleProcessorServer(snapLog);
            connections = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort),
                    CONNECTIONS_PER_ADDRESS_MAX);
            connections.startup(server);
            port = connections.getLocalPort();
            containers = new ContainerManager(server.getZKDatabase(), server.firstProcessor(),
                    CONTAINER_CHECK_INTERVAL_MILLIS, CONTAINER_DELETIONS_PER_MINUTE_MAX);
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
        VisibleProcessorServer(FileTxnSnapLog snapLog) {
            super(snapLog, TICK_MILLIS, SESSION_TIMEOUT_MIN_MILLIS, SESSION_TIMEOUT_MAX_MILLIS,
                    LISTEN_BACKLOG_DEFAULT, new ZKDatabase(snapLog), "");
        }

        RequestProcessor firstProcessor() {
            return firstProcessor;
        }
    }
}
