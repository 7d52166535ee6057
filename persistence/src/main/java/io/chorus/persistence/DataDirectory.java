package io.chorus.persistence;

import io.chorus.persistence.fs.DirectoryFsync;
import io.chorus.persistence.log.FileTxnLog;
import io.chorus.persistence.log.FileTxnLogOptions;
import io.chorus.persistence.metadata.MapDbMetadata;
import io.chorus.persistence.snapshot.MapDbSnapshotStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A node's durable state, laid out as
 *
 * <pre>
 *   &lt;dataDir&gt;/chorus.lock              held while open
 *   &lt;dataDir&gt;/snapshots/snapshots.db   {@link MapDbSnapshotStore}
 *   &lt;dataDir&gt;/metadata/metadata.db     {@link MapDbMetadata}
 *   &lt;dataLogDir&gt;/chorus.lock           held while open, when dataLogDir is another directory
 *   &lt;dataLogDir&gt;/log/log.*             {@link FileTxnLog}
 * </pre>
 *
 * (dataLogDir may be dataDir, or a separate disk so log fsyncs do not queue behind snapshot writes, as in
 * ZooKeeper). Opening takes an exclusive lock on each directory, so a second server pointed at the same
 * directory fails with a {@link DataDirectoryInUseException} instead of corrupting it. Closing closes the
 * stores and then releases the locks; a failed open closes whatever it had opened.
 */
public final class DataDirectory implements Closeable {
    public static final String SNAPSHOTS = "snapshots";
    public static final String METADATA = "metadata";
    public static final String METADATA_FILE = "metadata.db";
    public static final String LOG = "log";

    private final Path dataDir;
    private final Path dataLogDir;
    private final FileTxnLog log;
    private final MapDbSnapshotStore snapshots;
    private final MapDbMetadata metadata;
    /** Everything opened, to close in reverse order. */
    private final Deque<Closeable> opened;

    private DataDirectory(Path dataDir, Path dataLogDir, FileTxnLog log, MapDbSnapshotStore snapshots,
                          MapDbMetadata metadata, Deque<Closeable> opened) {
        this.dataDir = dataDir;
        this.dataLogDir = dataLogDir;
        this.log = log;
        this.snapshots = snapshots;
        this.metadata = metadata;
        this.opened = opened;
    }

    /** One directory for everything. */
    public static DataDirectory open(Path dataDir) throws IOException {
        return open(dataDir, dataDir, FileTxnLogOptions.defaults());
    }

    public static DataDirectory open(Path dataDir, Path dataLogDir, FileTxnLogOptions logOptions) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path dataLog = dataLogDir.toAbsolutePath().normalize();
        Deque<Closeable> opened = new ArrayDeque<>();
        try {
            DirectoryFsync.createDirectories(data);
            DirectoryFsync.createDirectories(dataLog);
            opened.push(DirectoryLock.acquire(data));
            // compared as real paths: a symlink to the data directory is the same directory, locked once
            if (!dataLog.toRealPath().equals(data.toRealPath())) {
                opened.push(DirectoryLock.acquire(dataLog));
            }
            MapDbMetadata metadata = MapDbMetadata.open(data.resolve(METADATA).resolve(METADATA_FILE));
            opened.push(metadata);
            MapDbSnapshotStore snapshots = MapDbSnapshotStore.open(data.resolve(SNAPSHOTS));
            opened.push(snapshots);
            FileTxnLog log = FileTxnLog.open(dataLog.resolve(LOG), logOptions);
            opened.push(log);
            return new DataDirectory(data, dataLog, log, snapshots, metadata, opened);
        } catch (IOException | RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path dataLogDir() {
        return dataLogDir;
    }

    public FileTxnLog log() {
        return log;
    }

    public MapDbSnapshotStore snapshots() {
        return snapshots;
    }

    public MapDbMetadata metadata() {
        return metadata;
    }

    /** Closes the log, the snapshot store and the metadata, then releases the directory locks. */
    @Override
    public void close() throws IOException {
        IOException first = new IOException("closing data directory " + dataDir + " failed");
        closeAll(opened, first);
        if (first.getSuppressed().length > 0) {
            throw first;
        }
    }

    /** Closes everything in {@code opened} (newest first), adding each failure to {@code failures}. */
    private static void closeAll(Deque<Closeable> opened, Exception failures) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (IOException | RuntimeException e) {
                failures.addSuppressed(e);
            }
        }
    }
}
