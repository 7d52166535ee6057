package io.chorus.server.conformance;

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
 * Apache ZooKeeper's standalone server in this JVM, wired the way ZooKeeperServerMain wires it (server,
 * connection factory, container manager) but on an ephemeral loopback port and a given data directory.
 *
 * <p>Two of its settings are JVM-wide system properties: the super digest is read once, when
 * DigestAuthenticationProvider is first loaded (hence set in this class's static initialiser, before any server
 * starts), and zookeeper.extendedTypesEnabled is read on every request (hence set on start, and two live
 * servers may not disagree about it).
 */
final class RealZooKeeper implements ServerUnderTest {

    /** Container deletions allowed per minute (ZooKeeper's default). */
    private static final int CONTAINER_DELETIONS_PER_MINUTE_MAX = 10_000;
    /** Containers that never had a child are kept forever (ZooKeeper's default, 0). */
    private static final long NEVER_USED_CONTAINER_INTERVAL_MILLIS = 0;
    /** Connections one client address may hold (ZooKeeper's default, as Chorus's). */
    private static final int CLIENT_CONNECTIONS_PER_ADDRESS_MAX = 60;

    private static final String EXTENDED_TYPES_PROPERTY = "zookeeper.extendedTypesEnabled";
    private static final Object LIVE_LOCK = new Object();
    private static int liveServers;
    private static boolean liveExtendedTypesEnabled;

    static {
        System.setProperty("zookeeper.DigestAuthenticationProvider.superDigest", DigestCredential.SUPER.digestId());
    }

    private final ServerSettings settings;
    private final Path dataDir;
    private int port;
    private FileTxnSnapLog snapLog;
    private ExposedServer server;
    private ServerCnxnFactory connections;
    private ContainerManager containers;
    private boolean holdsExtendedTypesSetting;

    private RealZooKeeper(ServerSettings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    static RealZooKeeper start(ServerSettings settings, Path dataDir) throws IOException {
        RealZooKeeper zk = new RealZooKeeper(settings, dataDir);
        zk.startOn(0);
        return zk;
    }

    private void startOn(int requestedPort) throws IOException {
        claimExtendedTypesSetting(settings.extendedTypesEnabled());
        holdsExtendedTypesSetting = true;
        try {
            snapLog = new FileTxnSnapLog(dataDir.resolve("log").toFile(), dataDir.resolve("snap").toFile());
            server = new ExposedServer(snapLog, settings);
            connections = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort),
                    CLIENT_CONNECTIONS_PER_ADDRESS_MAX);
            connections.startup(server);
            port = connections.getLocalPort();
            containers = new ContainerManager(server.getZKDatabase(), server.firstProcessor(),
                    settings.containerCheckIntervalMillis(), CONTAINER_DELETIONS_PER_MINUTE_MAX,
                    NEVER_USED_CONTAINER_INTERVAL_MILLIS);
            containers.start();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IOException("interrupted while starting ZooKeeper", e);
        }
    }

    @Override
    public ServerKind kind() {
        return ServerKind.ZOOKEEPER;
    }

    @Override
    public InetSocketAddress clientAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void restart() throws IOException {
        int previousPort = port;
        stop();
        startOn(previousPort);
    }

    @Override
    public long treeDigest() {
        return server.getZKDatabase().getDataTree().getTreeDigest();
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops whatever part has started, in reverse order; safe to call twice. */
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
            if (holdsExtendedTypesSetting) {
                holdsExtendedTypesSetting = false;
                releaseExtendedTypesSetting();
            }
        }
    }

    private static void claimExtendedTypesSetting(boolean enabled) {
        synchronized (LIVE_LOCK) {
            if (liveServers > 0 && liveExtendedTypesEnabled != enabled) {
                throw new IllegalStateException("a live ZooKeeper has extendedTypesEnabled=" + liveExtendedTypesEnabled
                        + "; the property is JVM-wide, so one with " + enabled + " cannot run beside it");
            }
            liveServers++;
            liveExtendedTypesEnabled = enabled;
            System.setProperty(EXTENDED_TYPES_PROPERTY, Boolean.toString(enabled));
        }
    }

    private static void releaseExtendedTypesSetting() {
        synchronized (LIVE_LOCK) {
            liveServers--;
        }
    }

    /** The server with its first request processor visible, which the container manager submits deletes to. */
    private static final class ExposedServer extends ZooKeeperServer {
        ExposedServer(FileTxnSnapLog snapLog, ServerSettings settings) {
            super(snapLog, settings.tickTimeMillis(), settings.minSessionTimeoutMillis(),
                    settings.maxSessionTimeoutMillis(), -1, new ZKDatabase(snapLog), "");
        }

        RequestProcessor firstProcessor() {
            return firstProcessor;
        }
    }
}
