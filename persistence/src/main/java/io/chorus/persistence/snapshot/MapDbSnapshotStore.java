package io.chorus.persistence.snapshot;

import io.chorus.api.spi.SnapshotStore;
import io.chorus.api.spi.Zxid;
import io.chorus.persistence.fs.DirectoryFsync;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots in a directory, one MapDB file each ({@code snapshot.<zxid in hex>.db}). A save writes a new file
 * under a temporary name: its chunks (each with its CRC32C, see {@link ChunkFormat}) as plain MapDB records,
 * then a {@link SnapshotHeader} listing them; MapDB syncs it on commit, and the file is renamed to its final
 * name and the directory synced. A file with a final name is therefore whole, and a save cut short by a crash
 * leaves only a temporary file, removed when the store next opens.
 *
 * <p>Why a file per snapshot rather than one transactional MapDB file: a snapshot is written once and never
 * changed, so MapDB's write-ahead log bought nothing but cost: every byte went through the log and again into
 * the store, and each commit read the log back to checksum it. That was half the snapshot thread's CPU while a
 * large tree was loading. Deleting a file also gives its space back at once, where the single file stayed at
 * its high-water mark.
 *
 * <p>A chunk stays below MapDB's largest plain record ({@link #CHUNK_BYTES_MAX}): bigger values become
 * MapDB "linked records". Methods are synchronized; a stream from {@link Snapshot#open()} opens the file
 * itself, so it reads without the lock, and on to its end even if {@link #retain} deletes the file meanwhile;
 * {@link #newest()} reads without the lock, so monitoring never waits for a save.
 */
public final class MapDbSnapshotStore implements SnapshotStore {
    /**
     * The largest chunk: MapDB 3 stores a record above 65,535 bytes as a linked record, and a chunk's record
     * adds its CRC and MapDB's length prefix to the data, so this leaves room for both.
     */
    public static final int CHUNK_BYTES_MAX = 60 << 10;
    public static final int CHUNK_BYTES_DEFAULT = CHUNK_BYTES_MAX;
    /** The single file of every snapshot that builds before this format kept; refused rather than ignored. */
    static final String SINGLE_FILE_NAME = "snapshots.db";
    private static final Pattern FILE_NAME = Pattern.compile("snapshot\\.([0-9a-f]{16})\\.db");
    private static final String UNFINISHED_SUFFIX = ".partial";
    private static final String HEADER = "header";
    private static final Logger LOG = LoggerFactory.getLogger(MapDbSnapshotStore.class);

    private final Path directory;
    private final int chunkBytes;
    /** The newest snapshot's size, or null when there is none; published for {@link #newest()}. */
    private volatile StoredSnapshotSize newest;
    private volatile boolean closed;

    private MapDbSnapshotStore(Path directory, int chunkBytes) {
        this.directory = directory;
        this.chunkBytes = chunkBytes;
    }

    public static MapDbSnapshotStore open(Path directory) throws IOException {
        return open(directory, CHUNK_BYTES_DEFAULT);
    }

    /** Opens (creating if needed) the store in {@code directory}, removing what an interrupted save left. */
    public static MapDbSnapshotStore open(Path directory, int chunkBytes) throws IOException {
        if (chunkBytes < 1 || chunkBytes > CHUNK_BYTES_MAX) {
            throw new IllegalArgumentException("chunkBytes must be between 1 and " + CHUNK_BYTES_MAX + ": "
                    + chunkBytes);
        }
        DirectoryFsync.createDirectories(directory);
        Path singleFile = directory.resolve(SINGLE_FILE_NAME);
        if (Files.exists(singleFile)) {
            throw new IOException(singleFile + " holds snapshots in the single-file format of earlier Chorus builds,"
                    + " which this one does not read; it keeps a file per snapshot. Start from an empty data"
                    + " directory, or move the file away and start from a log that begins at zxid 1");
        }
        MapDbSnapshotStore store = new MapDbSnapshotStore(directory, chunkBytes);
        store.removeUnfinishedSaves();
        store.publishNewest();
        return store;
    }

    /** The file a snapshot at {@code zxid} is stored in. */
    public Path fileOf(long zxid) {
        return fileOf(directory, zxid);
    }

    /**
     * The file a store in {@code directory} keeps the snapshot at {@code zxid} in (the name
     * {@link #zxidsNewestFirst} parses).
     */
    public static Path fileOf(Path directory, long zxid) {
        return directory.resolve(String.format("snapshot.%016x.db", zxid));
    }

    @Override
    public synchronized void save(long zxid, SnapshotWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        ensureOpen();
        if (zxid < 0) {
            throw new IllegalArgumentException("snapshot zxid must not be negative: " + zxid);
        }
        Path file = fileOf(zxid);
        Path unfinished = file.resolveSibling(file.getFileName() + UNFINISHED_SUFFIX);
        Files.deleteIfExists(unfinished);
        boolean saved = false;
        SnapshotHeader header;
        try {
            try (DB db = openDb(unfinished, false)) {
                Store records = db.getStore();
                List<Long> recids = new ArrayList<>();
                ChunkingOutputStream out = new ChunkingOutputStream(chunkBytes, (index, data, length) ->
                        recids.add(put(records, ChunkFormat.encode(zxid, index, data, length), unfinished)));
                writer.writeTo(out);
                out.finish();
                header = new SnapshotHeader(zxid, out.totalBytes(), out.streamCrc(),
                        recids.stream().mapToLong(Long::longValue).toArray());
                db.atomicVar(HEADER, Serializer.BYTE_ARRAY).create().set(header.encode());
                db.commit(); // MapDB syncs the file on commit
            } catch (DBException e) {
                throw new IOException("cannot write " + SnapshotHeader.name(zxid) + " to " + unfinished + ": " + e, e);
            }
            Files.move(unfinished, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DirectoryFsync.force(directory);
            saved = true;
        } finally {
            if (!saved) {
                Files.deleteIfExists(unfinished);
            }
        }
        // what was just written, rather than reading a header back: MapDB checks a file's header on opening it
        // by reading 8,000 ints, a system call each through a FileChannel
        StoredSnapshotSize before = newest;
        if (before == null || zxid >= before.zxid()) {
            newest = new StoredSnapshotSize(zxid, header.totalBytes());
        }
    }

    @Override
    public synchronized Optional<Snapshot> latestValid() throws IOException {
        for (Snapshot snapshot : newestFirst()) {
            try (InputStream in = snapshot.open()) {
                in.transferTo(OutputStream.nullOutputStream());
                return Optional.of(snapshot);
            } catch (CorruptSnapshotException e) {
                LOG.warn("Skipping a damaged snapshot in {}: {}", directory, e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<Snapshot> newestFirst() throws IOException {
        ensureOpen();
        List<Snapshot> found = new ArrayList<>();
        for (long zxid : list()) {
            try {
                found.add(new StoredSnapshot(readHeader(zxid)));
            } catch (CorruptSnapshotException e) {
                LOG.warn("Skipping a damaged snapshot in {}: {}", directory, e.getMessage());
            }
        }
        return found;
    }

    @Override
    public synchronized List<Long> list() throws IOException {
        ensureOpen();
        return zxidsNewestFirst(directory);
    }

    /**
     * The zxids of the snapshot files in {@code directory}, newest first, by name alone (no file is opened):
     * what {@link #list} returns, for a directory no store has open, such as a stopped server's.
     */
    public static List<Long> zxidsNewestFirst(Path directory) throws IOException {
        List<Long> zxids = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = FILE_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    zxids.add(Long.parseUnsignedLong(name.group(1), 16));
                }
            }
        }
        zxids.sort(Comparator.reverseOrder());
        return zxids;
    }

    @Override
    public synchronized void retain(int count) throws IOException {
        ensureOpen();
        if (count < 0) {
            throw new IllegalArgumentException("cannot retain " + count + " snapshots");
        }
        List<Long> newestFirst = list();
        if (newestFirst.size() <= count) {
            return;
        }
        List<Long> dropped = newestFirst.subList(count, newestFirst.size());
        for (long zxid : dropped) {
            Files.deleteIfExists(fileOf(zxid));
        }
        DirectoryFsync.force(directory);
        StoredSnapshotSize published = newest;
        if (published != null && dropped.contains(published.zxid())) {
            publishNewest();
        }
    }

    /**
     * The zxid and stream size of the newest stored snapshot (by zxid; its chunks are not re-checked), or
     * empty when there is none. Never waits for the store's lock: safe from a network thread while a
     * save runs.
     */
    public Optional<StoredSnapshotSize> newest() {
        return Optional.ofNullable(newest);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /**
     * Publishes the newest snapshot whose header decodes; called with the lock held on opening and when retain
     * drops the one published (a save publishes what it wrote itself). Only monitoring reads it, so a failure is
     * logged, not thrown.
     */
    private void publishNewest() {
        StoredSnapshotSize found = null;
        try {
            for (long zxid : list()) {
                try {
                    found = new StoredSnapshotSize(zxid, readHeader(zxid).totalBytes());
                    break;
                } catch (CorruptSnapshotException e) {
                    // latestValid logs it when recovery looks; monitoring reports the newest readable one
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the snapshots in {} to report the newest: {}", directory, e.toString());
            return;
        }
        newest = found;
    }

    /**
     * The header of the snapshot at {@code zxid}. MapDB does not promise to fail on a damaged file with its own
     * DBException only (400 flipped bytes in a test all gave one, but its decoders index arrays by what they
     * read), so any runtime exception while reading a snapshot file counts as the file's damage.
     */
    private SnapshotHeader readHeader(long zxid) throws IOException {
        Path file = fileOf(zxid);
        try (DB db = openDb(file, true)) {
            return SnapshotHeader.decode(zxid, db.atomicVar(HEADER, Serializer.BYTE_ARRAY).open().get());
        } catch (RuntimeException e) {
            throw new CorruptSnapshotException(SnapshotHeader.name(zxid) + ": " + file + " cannot be read: " + e);
        }
    }

    private void removeUnfinishedSaves() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(UNFINISHED_SUFFIX)) {
                    LOG.warn("Removing {}: a snapshot save interrupted by a crash", file);
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * A snapshot's file. Written by one thread and never changed once it has its final name, so a file opened
     * for reading needs neither MapDB's lock nor its concurrency. Through a FileChannel: MapDB's default
     * RandomAccessFile volume reads and writes each of its index longs a byte at a time, a system call per
     * byte, which was most of the snapshot thread's kernel time.
     */
    private static DB openDb(Path file, boolean readOnly) throws IOException {
        DBMaker.Maker maker = DBMaker.fileDB(file.toFile()).fileChannelEnable().concurrencyDisable();
        if (readOnly) {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            maker = maker.readOnly().fileLockDisable();
        }
        try {
            return maker.make();
        } catch (RuntimeException e) {
            if (!readOnly) {
                throw new IOException("cannot create the snapshot file " + file + ": " + e, e);
            }
            throw new CorruptSnapshotException(file + " is not a readable MapDB snapshot file: " + e);
        }
    }

    private static long put(Store records, byte[] chunk, Path file) throws IOException {
        try {
            return records.put(chunk, Serializer.BYTE_ARRAY);
        } catch (DBException e) {
            throw new IOException("cannot write a chunk to " + file + ": " + e, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("snapshot store " + directory + " is closed");
        }
    }

    /** A stored snapshot; reading it to its end verifies its stream checksum. */
    private final class StoredSnapshot implements Snapshot {
        private final SnapshotHeader header;

        StoredSnapshot(SnapshotHeader header) {
            this.header = header;
        }

        @Override
        public long zxid() {
            return header.zxid();
        }

        @Override
        public InputStream open() throws IOException {
            if (closed) {
                throw new IOException("snapshot store " + directory + " is closed");
            }
            Path file = fileOf(header.zxid());
            DB db;
            try {
                db = openDb(file, true);
            } catch (NoSuchFileException e) {
                throw new CorruptSnapshotException(SnapshotHeader.name(header.zxid()) + ": " + file
                        + " was deleted");
            }
            Store records = db.getStore();
            long[] recids = header.chunkRecids();
            return new ChunkInputStream(header, index -> {
                try {
                    return records.get(recids[index], Serializer.BYTE_ARRAY);
                } catch (RuntimeException e) {
                    throw new CorruptSnapshotException(SnapshotHeader.name(header.zxid()) + ": chunk " + index
                            + " cannot be read: " + e);
                }
            }, db::close);
        }
    }
}
