package io.chorus.persistence;

import io.chorus.persistence.fs.DirectoryFsync;
import io.chorus.persistence.log.FileTxnLog;
import io.chorus.persistence.log.FileTxnLogOptions;
import io.chorus.persistence.metadata.FileMetadata;
import io.chorus.persistence.metadata.MapDbMetadata;
import io.chorus.persistence.snapshot.MapDbSnapshotStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A node's durable state, laid out as
 *
 * <pre>
 *   &lt;dataDir&gt;/chorus.lock              held while open
 *   &lt;dataDir&gt;/snapshots/snapshot.&lt;zxid&gt;.db  {@link MapDbSnapshotStore}, a MapDB file per snapshot
 *   &lt;dataDir&gt;/metadata/metadata.slots  {@link FileMetadata} (an older metadata.db, MapDB, is moved into it)
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
    /** Where versions before {@link FileMetadata} kept the metadata (MapDB); read once and removed. */
    public static final String LEGACY_METADATA_FILE = "metadata.db";
    public static final String LOG = "log";

    private final Path dataDir;
    private final Path dataLogDir;
    private final FileTxnLog log;
    private final MapDbSnapshotStore snapshots;
    private final FileMetadata metadata;
    /** Everything opened, to close in reverse order. */
    private final Deque<Closeable> opened;

    private DataDirectory(Path dataDir, Path dataLogDir, FileTxnLog log, MapDbSnapshotStore snapshots,
                          FileMetadata metadata, Deque<Closeable> opened) {
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
            FileMetadata metadata = openMetadata(data.resolve(METADATA));
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

    /**
     * The metadata file, made from the legacy MapDB store the first time (durably, before that store is deleted:
     * a crash in between finds the new file and ignores the old).
     */
    private static FileMetadata openMetadata(Path directory) throws IOException {
        Path file = directory.resolve(FileMetadata.FILE_NAME);
        Path legacy = directory.resolve(LEGACY_METADATA_FILE);
        if (Files.exists(file) || !Files.exists(legacy)) {
            return FileMetadata.open(file);
        }
        Map<String, Long> values;
        try (MapDbMetadata old = MapDbMetadata.open(legacy)) {
            values = old.all();
        }
        FileMetadata metadata = FileMetadata.open(file, values);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(LEGACY_METADATA_FILE)).toList()) {
                Files.delete(f);
            }
        }
        DirectoryFsync.force(directory);
        return metadata;
    }

    public FileMetadata metadata() {
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
