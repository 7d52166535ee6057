package io.chorus.persistence.metadata;

import io.chorus.api.spi.DurableMetadata;
import io.chorus.persistence.fs.DirectoryFsync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * Small durable longs in a MapDB file with transactions enabled: each {@link #put} commits before it returns.
 * Thread-safe.
 */
public final class MapDbMetadata implements DurableMetadata {
    private final Path file;
    private final DB db;
    private final BTreeMap<String, Long> values;
    private boolean closed;

    private MapDbMetadata(Path file, DB db) {
        this.file = file;
        this.db = db;
        this.values = db.treeMap("values", Serializer.STRING, Serializer.LONG).createOrOpen();
    }

    /** Opens (creating if needed) the MapDB file {@code file}. */
    public static MapDbMetadata open(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        DirectoryFsync.createDirectories(directory);
        boolean created = !Files.exists(file);
        DB db;
        try {
            db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
        } catch (DBException e) {
            throw new IOException("cannot open MapDB metadata " + file + ": " + e, e);
        }
        try {
            MapDbMetadata metadata = new MapDbMetadata(file, db);
            if (created) {
                DirectoryFsync.force(directory);
            }
            return metadata;
        } catch (DBException | IOException e) {
            db.close();
            throw new IOException("cannot read MapDB metadata " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized long get(String key, long absent) throws IOException {
        MetadataKeys.check(key);
        ensureOpen();
        try {
            Long value = values.get(key);
            return value == null ? absent : value;
        } catch (DBException e) {
            throw new IOException("cannot read " + key + " from MapDB metadata " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void put(String key, long value) throws IOException {
        MetadataKeys.check(key);
        ensureOpen();
        try {
            values.put(key, value);
            db.commit();
        } catch (DBException e) {
            throw new IOException("cannot store " + key + " in MapDB metadata " + file + ": " + e, e);
        }
    }

    /** Every value stored (for moving them to another store). */
    public synchronized java.util.Map<String, Long> all() throws IOException {
        ensureOpen();
        try {
            return java.util.Map.copyOf(values);
        } catch (DBException e) {
            throw new IOException("cannot read MapDB metadata " + file + ": " + e, e);
        }
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
            throw new IOException("closing MapDB metadata " + file + " failed: " + e, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("metadata " + file + " is closed");
        }
    }
}
