package io.chorus.server.conformance;

import io.chorus.server.ChorusServer;
import io.chorus.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A single Chorus node on an ephemeral loopback port, configured like its ZooKeeper counterpart. */
final class ChorusUnderTest implements ServerUnderTest {

    private final ServerSettings settings;
    private final Path dataDir;
    private ChorusServer server;
    private int port;

    private ChorusUnderTest(ServerSettings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    static ChorusUnderTest start(ServerSettings settings, Path dataDir) throws IOException {
        ChorusUnderTest chorus = new ChorusUnderTest(settings, dataDir);
        chorus.startOn(0);
        return chorus;
    }

    private void startOn(int requestedPort) throws IOException {
        ServerConfig.Builder config = ServerConfig.builder()
                .clientPort(requestedPort)
                .dataDir(dataDir)
                .tickTimeMillis(settings.tickTimeMillis())
                .sessionTimeoutBoundsMillis(settings.minSessionTimeoutMillis(), settings.maxSessionTimeoutMillis())
                .superDigest(DigestCredential.SUPER.digestId())
                .containerCheckIntervalMillis(settings.containerCheckIntervalMillis());
        config.clientBindAddress = InetAddress.getLoopbackAddress().getHostAddress();
        config.extendedTypesEnabled = settings.extendedTypesEnabled();
        server = ChorusServer.start(config.build());
        port = server.clientPort();
    }

    @Override
    public ServerKind kind() {
        return ServerKind.CHORUS;
    }

    @Override
    public InetSocketAddress clientAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void restart() throws IOException {
        int previousPort = port;
        close();
        startOn(previousPort);
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
        }
    }
}
