package io.chorus.bench.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.zookeeper.Version;

/**
 * Apache ZooKeeper standalone ({@code ZooKeeperServerMain} with a generated zoo.cfg): fsync on, bound to
 * loopback, its defaults otherwise (snapCount, tickTime, maxClientCnxns), so it is measured as shipped.
 */
public final class ZooKeeperServerType implements ServerType {
    static final String MAIN_CLASS = "org.apache.zookeeper.server.ZooKeeperServerMain";
    private static final String SNAPSHOT_PREFIX = "snapshot.";

    @Override
    public String displayName() {
        String full = Version.getFullVersion();
        int end = full.indexOf('-');
        return "ZooKeeper " + (end > 0 ? full.substring(0, end) : full);
    }

    @Override
    public List<String> jvmFlags() {
        // The admin server (Jetty) is not on the classpath; say so instead of letting it probe and warn.
        return List.of("-Dzookeeper.admin.enableServer=false", "-Dzookeeper.forceSync=yes");
    }

    @Override
    public List<String> mainAndArgs(int port, Path dataDir, Path confDir) throws IOException {
        Path config = confDir.resolve("zoo-" + port + ".cfg");
        Files.writeString(config, zooCfg(port, dataDir), StandardCharsets.UTF_8);
        return List.of(MAIN_CLASS, config.toString());
    }

    static String zooCfg(int port, Path dataDir) {
        return String.join("\n",
                "tickTime=2000",
                "dataDir=" + dataDir.toAbsolutePath(),
                "clientPort=" + port,
                "clientPortAddress=" + Loopback.HOST,
                "forceSync=yes",
                "admin.enableServer=false",
                "");
    }

    /** ZooKeeper names snapshots {@code version-2/snapshot.<hex zxid>}; the highest zxid is the newest. */
    @Override
    public List<Path> snapshotFiles(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("version-2");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(SNAPSHOT_PREFIX))
                    .sorted(Comparator.comparingLong(ZooKeeperServerType::snapshotZxid).reversed())
                    .toList();
        }
    }

    /**
     * The newest snapshot file (highest zxid), read from disk: each holds the whole tree, and ZooKeeper's
     * {@code mntr} (not whitelisted by default) does not report snapshots.
     */
    @Override
    public Optional<NewestSnapshot> newestSnapshot(Path dataDir, InetSocketAddress client) throws IOException {
        List<Path> files = snapshotFiles(dataDir);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Path newest = files.get(0);
        return Optional.of(new NewestSnapshot(snapshotZxid(newest), Files.size(newest)));
    }

    @Override
    public String newestSnapshotMeasure() {
        return "the newest version-2/snapshot.* file";
    }

    @Override
    public String snapshotFilesMeasure() {
        return "every version-2/snapshot.* file (ZooKeeper keeps all of them unless autopurge is configured)";
    }

    static long snapshotZxid(Path snapshot) {
        String name = snapshot.getFileName().toString();
        String hex = name.substring(SNAPSHOT_PREFIX.length());
        int dot = hex.indexOf('.');
        if (dot >= 0) {
            hex = hex.substring(0, dot); // a compressed snapshot carries a suffix such as .gz
        }
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            return -1; // a stray file sorts last rather than breaking the report
        }
    }
}
