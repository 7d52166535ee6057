package io.chorus.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A standalone Chorus node started with {@code ChorusCommand server --port P --data-dir D --bind 127.0.0.1}
 * (fsync on, its embedded defaults otherwise). Its snapshot files are whatever sits under
 * {@code <dataDir>/snapshots}; its newest snapshot's size comes from the server's {@code mntr}. Extra JVM
 * flags (a flight recording, say) go to this server's JVM only.
 */
public final class ChorusServerType implements ServerType {
    public static final String MAIN_CLASS = "io.chorus.server.cli.ChorusCommand";
    static final String SNAPSHOT_DIR = "snapshots";
    static final String MNTR_SNAPSHOT_ZXID = "chorus_last_snapshot_zxid";
    static final String MNTR_SNAPSHOT_BYTES = "chorus_last_snapshot_bytes";

    private final List<String> extraJvmFlags;

    public ChorusServerType() {
        this(List.of());
    }

    /** @param extraJvmFlags flags added to the child's command line, each starting with '-' */
    public ChorusServerType(List<String> extraJvmFlags) {
        this.extraJvmFlags = JvmFlags.checked(extraJvmFlags);
    }

    @Override
    public String displayName() {
        return "Chorus";
    }

    @Override
    public List<String> jvmFlags() {
        return extraJvmFlags;
    }

    @Override
    public List<String> mainAndArgs(int port, Path dataDir, Path confDir) {
        return List.of(MAIN_CLASS, "server", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--bind", Loopback.HOST);
    }

    /** Regular files under {@code <dataDir>/snapshots}, most recently modified first. */
    @Override
    public List<Path> snapshotFiles(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(SNAPSHOT_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(ChorusServerType::modified).reversed())
                    .toList();
        }
    }

    /**
     * The newest snapshot as the running server reports it in {@code mntr}: the stream its snapshot store
     * keeps (compressed), without the MapDB file around it.
     */
    @Override
    public Optional<NewestSnapshot> newestSnapshot(Path dataDir, InetSocketAddress client) throws IOException {
        Map<String, String> figures = MntrProbe.query(client);
        OptionalLong zxid = MntrProbe.number(figures, MNTR_SNAPSHOT_ZXID);
        OptionalLong bytes = MntrProbe.number(figures, MNTR_SNAPSHOT_BYTES);
        if (zxid.isPresent() != bytes.isPresent()) {
            throw new IOException("mntr reports only one of " + MNTR_SNAPSHOT_ZXID + " and " + MNTR_SNAPSHOT_BYTES
                    + ": " + figures);
        }
        return zxid.isEmpty() ? Optional.empty() : Optional.of(new NewestSnapshot(zxid.getAsLong(), bytes.getAsLong()));
    }

    @Override
    public String newestSnapshotMeasure() {
        return MNTR_SNAPSHOT_BYTES + " from mntr (the newest snapshot's stored stream)";
    }

    @Override
    public String snapshotFilesMeasure() {
        return "the snapshot store's files under snapshots/ (a MapDB file per retained snapshot, 3 by default)";
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the Chorus server's entry class is on this JVM's classpath. */
    public static boolean isAvailable() {
        try {
            Class.forName(MAIN_CLASS, false, ChorusServerType.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
