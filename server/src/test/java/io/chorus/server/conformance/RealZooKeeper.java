package io.chorus.server.conformance;

import io.chorus.client.testkit.EmbeddedZooKeeper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Apache ZooKeeper's standalone server in this JVM (the client module's {@link EmbeddedZooKeeper}: server,
 * connection factory, container manager, on an ephemeral loopback port) with the conformance settings.
 *
 * <p>Two of its settings are JVM-wide system properties: the super digest is read once, when
 * DigestAuthenticationProvider is first loaded (hence set in this class's static initialiser, before any server
 * starts), and zookeeper.extendedTypesEnabled is read on every request (hence set on start, and two live
 * servers may not disagree about it).
 */
final class RealZooKeeper implements ServerUnderTest {
    /** Connections one client address may hold (ZooKeeper's default, as Chorus's). */
    private static final int CLIENT_CONNECTIONS_PER_ADDRESS_MAX = 60;

    private static final Object LIVE_LOCK = new Object();
    private static int liveServers;
    private static boolean liveExtendedTypesEnabled;

    static {
        System.setProperty("zookeeper.DigestAuthenticationProvider.superDigest", DigestCredential.SUPER.digestId());
    }

    private final EmbeddedZooKeeper.Settings settings;
    private final Path dataDir;
    private EmbeddedZooKeeper server;
    private int port;

    private RealZooKeeper(ServerSettings settings, Path dataDir) {
        this.settings = new EmbeddedZooKeeper.Settings(settings.tickTimeMillis(), settings.minSessionTimeoutMillis(),
                settings.maxSessionTimeoutMillis(), settings.containerCheckIntervalMillis(),
                CLIENT_CONNECTIONS_PER_ADDRESS_MAX, settings.extendedTypesEnabled());
        this.dataDir = dataDir;
    }

    static RealZooKeeper start(ServerSettings settings, Path dataDir) throws IOException {
        RealZooKeeper zk = new RealZooKeeper(settings, dataDir);
        claimExtendedTypesSetting(settings.extendedTypesEnabled());
        try {
            zk.server = EmbeddedZooKeeper.start(zk.settings, dataDir);
        } catch (IOException | RuntimeException e) {
            releaseExtendedTypesSetting();
            throw e;
        }
        zk.port = zk.server.port();
        return zk;
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
        server.restart();
    }

    @Override
    public long treeDigest() {
        return server.treeDigest();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
            releaseExtendedTypesSetting();
        }
    }

    /** zookeeper.extendedTypesEnabled is JVM-wide: two live servers may not disagree about it. */
    private static void claimExtendedTypesSetting(boolean enabled) {
        synchronized (LIVE_LOCK) {
            if (liveServers > 0 && liveExtendedTypesEnabled != enabled) {
                throw new IllegalStateException("a live ZooKeeper has extendedTypesEnabled=" + liveExtendedTypesEnabled
                        + "; the property is JVM-wide, so one with " + enabled + " cannot run beside it");
            }
            liveServers++;
            liveExtendedTypesEnabled = enabled;
        }
    }

    private static void releaseExtendedTypesSetting() {
        synchronized (LIVE_LOCK) {
            liveServers--;
        }
    }
}
