package io.chorus.persistence.snapshot;

import io.chorus.api.spi.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Snapshots in memory, for tests and the simulator: a save that throws stores nothing, and a finished one is
 * "durable" at once. {@link #reopen()} gives a new store with the same snapshots, as a restarted node would
 * find them. Thread-safe.
 */
public final class InMemorySnapshotStore implements SnapshotStore {
    private final TreeMap<Long, byte[]> snapshots;
    private boolean closed;

    public InMemorySnapshotStore() {
        this(new TreeMap<>());
    }

    private InMemorySnapshotStore(TreeMap<Long, byte[]> snapshots) {
        this.snapshots = snapshots;
    }

    /** A new, open store holding this one's snapshots; works after {@link #close()} too. */
    public synchronized InMemorySnapshotStore reopen() {
        return new InMemorySnapshotStore(new TreeMap<>(snapshots));
    }

    @Override
    public synchronized void save(long zxid, SnapshotWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        ensureOpen();
        if (zxid < 0) {
            throw new IllegalArgumentException("snapshot zxid must not be negative: " + zxid);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out);
        snapshots.put(zxid, out.toByteArray());
    }

    @Override
    public synchronized Optional<Snapshot> latestValid() {
        ensureOpen();
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshot(snapshots.lastEntry()));
    }

    /** Every snapshot, newest first (in memory nothing is damaged, so each is also valid). */
    @Override
    public synchronized List<Snapshot> newestFirst() {
        ensureOpen();
        List<Snapshot> all = new ArrayList<>(snapshots.size());
        for (Map.Entry<Long, byte[]> stored : snapshots.descendingMap().entrySet()) {
            all.add(snapshot(stored));
        }
        return all;
    }

    private static Snapshot snapshot(Map.Entry<Long, byte[]> stored) {
        long zxid = stored.getKey();
        byte[] bytes = stored.getValue();
        return new Snapshot() {
            @Override
            public long zxid() {
                return zxid;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    @Override
    public synchronized List<Long> list() {
        ensureOpen();
        return new ArrayList<>(snapshots.descendingKeySet());
    }

    @Override
    public synchronized void retain(int count) {
        ensureOpen();
        if (count < 0) {
            throw new IllegalArgumentException("cannot retain " + count + " snapshots");
        }
        while (snapshots.size() > count) {
            snapshots.pollFirstEntry();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("in-memory snapshot store is closed");
        }
    }
}
