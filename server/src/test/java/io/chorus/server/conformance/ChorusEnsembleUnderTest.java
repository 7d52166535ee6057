package io.chorus.server.conformance;

import io.chorus.server.ensemble.LocalEnsemble;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three Chorus servers running Zab in this JVM, configured like the single node. Clients are spread over them:
 * each connect string starts at the next server, and each raw session goes to the next server in turn.
 */
final class ChorusEnsembleUnderTest implements ServerUnderTest {
    static final int SIZE = 3;

    private final ServerSettings settings;
    private final Path dataDir;
    private final AtomicInteger nextServer = new AtomicInteger();
    private LocalEnsemble ensemble;

    private ChorusEnsembleUnderTest(ServerSettings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    static ChorusEnsembleUnderTest start(ServerSettings settings, Path dataDir) throws IOException {
        ChorusEnsembleUnderTest under = new ChorusEnsembleUnderTest(settings, dataDir);
        under.ensemble = LocalEnsemble.start(SIZE, dataDir, under::configure);
        under.ensemble.awaitLeader();
        return under;
    }

    private void configure(io.chorus.server.config.ServerConfig.Builder config) {
        config.tickTimeMillis(settings.tickTimeMillis())
                .sessionTimeoutBoundsMillis(settings.minSessionTimeoutMillis(), settings.maxSessionTimeoutMillis())
                .superDigest(DigestCredential.SUPER.digestId())
                .containerCheckIntervalMillis(settings.containerCheckIntervalMillis());
        config.extendedTypesEnabled = settings.extendedTypesEnabled();
    }

    @Override
    public ServerKind kind() {
        return ServerKind.CHORUS_ENSEMBLE;
    }

    @Override
    public InetSocketAddress clientAddress() {
        int id = 1 + Math.floorMod(nextServer.getAndIncrement(), SIZE);
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), ensemble.member(id).clientPort());
    }

    /** Every server, starting at the next one (the stock client shuffles them, Curator too). */
    @Override
    public String connectString() {
        int first = Math.floorMod(nextServer.getAndIncrement(), SIZE);
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            servers.add(ensemble.connectString(1 + (first + i) % SIZE));
        }
        return String.join(",", servers);
    }

    /** The whole ensemble stops and starts again from its disks. */
    @Override
    public void restart() throws IOException {
        ensemble.close();
        for (int id = 1; id <= SIZE; id++) {
            ensemble.startServer(id);
        }
        ensemble.awaitLeader();
    }

    /** Once every server has applied the same zxid with the same tree, that tree's digest. */
    @Override
    public long treeDigest() {
        ensemble.awaitSameTrees();
        return ensemble.server(1).treeDigest();
    }

    @Override
    public void close() {
        if (ensemble != null) {
            ensemble.close();
            ensemble = null;
        }
    }
}
