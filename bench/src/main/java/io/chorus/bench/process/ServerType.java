package io.chorus.bench.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What differs between the servers the bench compares: how to start one and where it keeps snapshots. */
public interface ServerType {
    /** The name a report shows for this server. */
    String displayName();

    /** JVM flags this server needs beyond the shared ones (heap, collector, logging). */
    List<String> jvmFlags();

    /**
     * The main class and its arguments for a standalone server serving {@code port} on loopback from
     * {@code dataDir}; any config file it needs is written into {@code confDir}.
     */
    List<String> mainAndArgs(int port, Path dataDir, Path confDir) throws IOException;

    /** The snapshot files under {@code dataDir}, newest first; empty when there are none. */
    List<Path> snapshotFiles(Path dataDir) throws IOException;

    /**
     * The newest snapshot of the server serving {@code client} from {@code dataDir}, asked of the server
     * or read from its files (see {@link #newestSnapshotMeasure()}); empty when it has none yet.
     */
    Optional<NewestSnapshot> newestSnapshot(Path dataDir, InetSocketAddress client) throws IOException;

    /** What {@link #newestSnapshot} counts, for the report's footnote. */
    String newestSnapshotMeasure();

    /** The bytes of all of {@link #snapshotFiles}: what keeping snapshots costs on disk; -1 when there are none. */
    default long snapshotFilesBytes(Path dataDir) throws IOException {
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

    /** What {@link #snapshotFilesBytes} covers for this server (which snapshots it keeps), for the footnote. */
    String snapshotFilesMeasure();
}
