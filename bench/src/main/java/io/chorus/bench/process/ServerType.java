package io.chorus.bench.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    /** The bytes a report compares as this server's snapshot; -1 when there is none. */
    long snapshotBytes(Path dataDir) throws IOException;

    /** What {@link #snapshotBytes} counts, for the report's footnote. */
    String snapshotMeasure();
}
