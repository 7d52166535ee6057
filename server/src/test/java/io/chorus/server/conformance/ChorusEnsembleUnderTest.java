package io.chorus.server.conformance;

import io.chorus.server.ensemble.LocalEnsemble;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three Chorus servers running Zab in this JVM, configured like the single node. The tests are spread over them:
 * every client of one test connects to the same server, the next test's to the next server, so that the suite
 * runs on the leader and on followers (whose writes are forwarded) alike. Within a test the scenarios expect what
 * one server gives (a client reads what another client's acknowledged write made); across servers ZooKeeper
 * promises that only after a sync, which the ensemble tests exercise.
 */
final class ChorusEnsembleUnderTest implements ServerUnderTest {
    static final int SIZE = 3;

    private final ServerSettings settings;
    private final Path dataDir;
    /** The server this test's clients connect to. */
    private final AtomicInteger server = new AtomicInteger(1);
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
    public void testStarting() {
        server.set(1 + Math.floorMod(server.get(), SIZE));
    }

    @Override
    public InetSocketAddress clientAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), ensemble.member(server.get()).clientPort());
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
