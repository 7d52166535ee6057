package io.chorus.persistence.snapshot;

import io.chorus.api.spi.SnapshotStore;
import io.chorus.api.spi.Zxid;
import io.chorus.persistence.fs.DirectoryFsync;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots in one MapDB file ({@value #FILE_NAME}) with transactions enabled, so MapDB's write-ahead log
 * makes each commit atomic across a crash. A snapshot is a run of chunks (each with its CRC32C, see
 * {@link ChunkFormat}) and a {@link SnapshotHeader} stored and committed after the last chunk: until then
 * the snapshot does not exist, and a save cut short by a crash is cleaned up when the store next opens.
 *
 * <p>Chunks are committed every {@link #CHUNKS_PER_COMMIT_MAX} chunks while saving, so MapDB's
 * write-ahead log stays bounded whatever the snapshot's size. A chunk stays below MapDB's largest plain
 * record ({@link #CHUNK_BYTES_MAX}): bigger values become MapDB "linked records", and a process killed while
 * saving them left a file whose reopening failed with {@code PointerChecksumBroken} in
 * {@code StoreWAL.linkedRecordGet} (about one kill in six in {@code SnapshotCrashTest}). Methods are synchronized; a stream from
 * {@link Snapshot#open()} reads without the lock and fails if its snapshot is deleted meanwhile;
 * {@link #newest()} reads without the lock, so monitoring never waits for a save.
 *
 * <p>The file never shrinks. Space that {@link #retain} and replaced snapshots free is reused by later
 * saves, so the file levels off at its high-water mark: about {@code retain count + 1} snapshots (the
 * retained ones and the one being written). Compaction cannot lower that: with transactions enabled
 * MapDB 3.1 stores through {@code StoreWAL}, whose {@code compact()} does nothing (a TODO upstream);
 * only the non-transactional {@code StoreDirect} compacts, and it would give up atomic commits.
 */
public final class MapDbSnapshotStore implements SnapshotStore {
    public static final String FILE_NAME = "snapshots.db";
    /**
     * The largest chunk: MapDB 3 stores a record above 65,535 bytes as a linked record, and a chunk's record
     * adds its CRC and MapDB's length prefix to the data, so this leaves room for both.
     */
    public static final int CHUNK_BYTES_MAX = 60 << 10;
    public static final int CHUNK_BYTES_DEFAULT = CHUNK_BYTES_MAX;
    /** Chunks written between two commits of a save in progress: 15 MiB at the default chunk size. */
    static final int CHUNKS_PER_COMMIT_MAX = 256;
    private static final Logger LOG = LoggerFactory.getLogger(MapDbSnapshotStore.class);

    private final Path file;
    private final int chunkBytes;
    private final DB db;
    /** zxid to encoded {@link SnapshotHeader}. */
    private final BTreeMap<Long, byte[]> headers;
    /** {@link ChunkFormat#key} to encoded chunk. */
    private final BTreeMap<Long, byte[]> chunks;
    private final Atomic.Long lastGeneration;
    /** The generation a save is writing, 0 when none: what a crash mid-save leaves to clean up. */
    private final Atomic.Long unfinishedGeneration;
    /** The newest snapshot's size, or null when there is none; published for {@link #newest()}. */
    private volatile StoredSnapshotSize newest;
    private volatile boolean closed;

    private MapDbSnapshotStore(Path file, int chunkBytes, DB db) {
        this.file = file;
        this.chunkBytes = chunkBytes;
        this.db = db;
        this.headers = db.treeMap("headers", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.chunks = db.treeMap("chunks", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.lastGeneration = db.atomicLong("lastGeneration").createOrOpen();
        this.unfinishedGeneration = db.atomicLong("unfinishedGeneration").createOrOpen();
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
        Path file = directory.resolve(FILE_NAME);
        boolean created = !Files.exists(file);
        DB db;
        try {
            db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
        } catch (DBException e) {
            throw new IOException("cannot open MapDB snapshot store " + file + ": " + e, e);
        }
        try {
            MapDbSnapshotStore store = new MapDbSnapshotStore(file, chunkBytes, db);
            store.removeUnfinishedSave();
            store.publishNewest();
            if (created) {
                DirectoryFsync.force(directory);
            }
            return store;
        } catch (DBException | IOException e) {
            db.close();
            throw new IOException("cannot read MapDB snapshot store " + file + ": " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void save(long zxid, SnapshotWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        ensureOpen();
        if (zxid < 0) {
            throw new IllegalArgumentException("snapshot zxid must not be negative: " + zxid);
        }
        long generation;
        ChunkingOutputStream out;
        try {
            generation = lastGeneration.incrementAndGet();
            unfinishedGeneration.set(generation);
            db.commit();
            out = new ChunkingOutputStream(chunkBytes, (index, data, length) -> storeChunk(generation, index, data,
                    length));
        } catch (DBException e) {
            throw failure("start a snapshot", e);
        }
        try {
            writer.writeTo(out);
            out.finish();
        } catch (IOException | RuntimeException e) {
            abandon(generation, out.chunkCount(), e);
            throw e;
        }
        try {
            SnapshotHeader header = new SnapshotHeader(zxid, generation, out.chunkCount(), out.totalBytes(),
                    out.streamCrc());
            byte[] replaced = headers.put(zxid, header.encode());
            unfinishedGeneration.set(0);
            if (replaced != null) {
                deleteChunksOf(zxid, replaced);
            }
            db.commit();
        } catch (DBException e) {
            IOException failure = failure("finish snapshot " + Zxid.toString(zxid), e);
            abandon(generation, out.chunkCount(), failure);
            throw failure;
        }
        publishNewest(); // outside the try: once committed, nothing may abandon the snapshot
    }

    @Override
    public synchronized Optional<Snapshot> latestValid() throws IOException {
        ensureOpen();
        for (Map.Entry<Long, byte[]> stored : headers.descendingMap().entrySet()) {
            long zxid = stored.getKey();
            try {
                SnapshotHeader header = SnapshotHeader.decode(zxid, stored.getValue());
                try (InputStream in = stream(header)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                return Optional.of(new StoredSnapshot(header));
            } catch (CorruptSnapshotException e) {
                LOG.warn("Skipping a damaged snapshot in {}: {}", file, e.getMessage());
            } catch (DBException e) {
                LOG.warn("Skipping a damaged snapshot in {}: snapshot {} cannot be read: {}", file,
                        Zxid.toString(zxid), e.toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<Snapshot> newestFirst() throws IOException {
        ensureOpen();
        List<Snapshot> found = new ArrayList<>();
        for (Map.Entry<Long, byte[]> stored : headers.descendingMap().entrySet()) {
            try {
                found.add(new StoredSnapshot(SnapshotHeader.decode(stored.getKey(), stored.getValue())));
            } catch (CorruptSnapshotException e) {
                LOG.warn("Skipping a damaged snapshot in {}: {}", file, e.getMessage());
            }
        }
        return found;
    }

    @Override
    public synchronized List<Long> list() throws IOException {
        ensureOpen();
        try {
            return new ArrayList<>(headers.descendingMap().keySet());
        } catch (DBException e) {
            throw failure("list snapshots", e);
        }
    }

    @Override
    public synchronized void retain(int count) throws IOException {
        ensureOpen();
        if (count < 0) {
            throw new IllegalArgumentException("cannot retain " + count + " snapshots");
        }
        try {
            List<Long> newestFirst = new ArrayList<>(headers.descendingMap().keySet());
            for (long zxid : newestFirst.subList(Math.min(count, newestFirst.size()), newestFirst.size())) {
                deleteChunksOf(zxid, headers.remove(zxid));
            }
            db.commit();
            publishNewest();
        } catch (DBException e) {
            throw failure("retain " + count + " snapshots", e);
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

    /** How many chunks the file holds, of every snapshot: lets tests see that nothing was left behind. */
    synchronized long storedChunkCount() {
        return chunks.sizeLong();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.close();
        } catch (DBException e) {
            throw new IOException("closing MapDB snapshot store " + file + " failed: " + e, e);
        }
    }

    /**
     * Publishes the newest snapshot whose header decodes; called with the lock held after every committed
     * change. Only monitoring reads it, so a failure to read the headers is logged, not thrown.
     */
    private void publishNewest() {
        StoredSnapshotSize found = null;
        try {
            for (Map.Entry<Long, byte[]> stored : headers.descendingMap().entrySet()) {
                try {
                    SnapshotHeader header = SnapshotHeader.decode(stored.getKey(), stored.getValue());
                    found = new StoredSnapshotSize(header.zxid(), header.totalBytes());
                    break;
                } catch (CorruptSnapshotException e) {
                    // latestValid logs it when recovery looks; monitoring reports the newest readable one
                }
            }
        } catch (DBException e) {
            LOG.warn("Cannot read the snapshot headers of {} to report the newest: {}", file, e.toString());
            return;
        }
        newest = found;
    }

    private void storeChunk(long generation, int index, byte[] data, int length) throws IOException {
        try {
            chunks.put(ChunkFormat.key(generation, index), ChunkFormat.encode(generation, index, data, length));
            if ((index + 1) % CHUNKS_PER_COMMIT_MAX == 0) {
                db.commit();
            }
        } catch (DBException e) {
            throw failure("store chunk " + index, e);
        }
    }

    /** Removes the chunks of a save that failed, so it leaves nothing behind. */
    private void abandon(long generation, int chunkCount, Exception cause) {
        try {
            db.rollback();
            deleteChunks(generation, chunkCount);
            unfinishedGeneration.set(0);
            db.commit();
        } catch (DBException e) {
            cause.addSuppressed(e);
        }
    }

    private void removeUnfinishedSave() throws IOException {
        long generation = unfinishedGeneration.get();
        if (generation == 0) {
            return;
        }
        Map<Long, byte[]> leftovers = chunks.subMap(ChunkFormat.key(generation, 0), true,
                ChunkFormat.key(generation, ChunkFormat.CHUNK_COUNT_MAX - 1), true);
        int count = leftovers.size();
        LOG.warn("Removing {} chunks of a snapshot save interrupted by a crash from {}", count, file);
        for (Long key : new ArrayList<>(leftovers.keySet())) {
            chunks.remove(key);
        }
        unfinishedGeneration.set(0);
        db.commit();
    }

    private void deleteChunksOf(long zxid, byte[] encodedHeader) {
        try {
            SnapshotHeader header = SnapshotHeader.decode(zxid, encodedHeader);
            deleteChunks(header.generation(), header.chunkCount());
        } catch (CorruptSnapshotException e) {
            LOG.warn("Snapshot {} in {} has a damaged header ({}); its chunks stay until the file is rebuilt",
                    Zxid.toString(zxid), file, e.getMessage());
        }
    }

    private void deleteChunks(long generation, int chunkCount) {
        for (int index = 0; index < chunkCount; index++) {
            chunks.remove(ChunkFormat.key(generation, index));
        }
    }

    private InputStream stream(SnapshotHeader header) {
        return new ChunkInputStream(header, index -> {
            if (closed) {
                throw new IOException("snapshot store " + file + " is closed");
            }
            try {
                return chunks.get(ChunkFormat.key(header.generation(), index));
            } catch (DBException e) {
                throw new CorruptSnapshotException(SnapshotHeader.name(header.zxid()) + ": chunk " + index
                        + " cannot be read: " + e);
            }
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("snapshot store " + file + " is closed");
        }
    }

    private IOException failure(String action, DBException cause) {
        return new IOException("cannot " + action + " in MapDB snapshot store " + file + ": " + cause, cause);
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
                throw new IOException("snapshot store " + file + " is closed");
            }
            return stream(header);
        }
    }
}
