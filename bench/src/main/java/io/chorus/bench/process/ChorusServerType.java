package io.chorus.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A standalone Chorus node started with {@code ChorusCommand server --port P --data-dir D --bind 127.0.0.1}
 * (fsync on, its embedded defaults otherwise). Its snapshots are whatever files sit under
 * {@code <dataDir>/snapshots}.
 */
public final class ChorusServerType implements ServerType {
    public static final String MAIN_CLASS = "io.chorus.server.cli.ChorusCommand";
    static final String SNAPSHOT_DIR = "snapshots";

    @Override
    public String displayName() {
        return "Chorus";
    }

    @Override
    public List<String> jvmFlags() {
        return List.of();
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

    /** Every file under snapshots/: one store holds the retained snapshots, so its files are the snapshot. */
    @Override
    public long snapshotBytes(Path dataDir) throws IOException {
        List<Path> files = snapshotFiles(dataDir);
        if (files.isEmpty()) {
            return -1;
        }
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }

    @Override
    public String snapshotMeasure() {
        return "all files under snapshots/ (one store holding the retained snapshots)";
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
