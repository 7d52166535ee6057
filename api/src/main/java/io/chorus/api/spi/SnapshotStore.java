package io.chorus.api.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/** Durable snapshots of the state machine, each named by the last zxid it contains. */
public interface SnapshotStore extends Closeable {
    /** Writes the state produced by {@code writer} as the snapshot at {@code zxid}; durable on return. */
    void save(long zxid, SnapshotWriter writer) throws IOException;

    /**
     * The newest snapshot whose checksums verify; a corrupt one is skipped with a logged reason naming
     * it. Empty when there is none.
     */
    Optional<Snapshot> latestValid() throws IOException;

    /**
     * Every stored snapshot whose header reads, newest first, not yet verified: reading one to its end
     * checks it, and a damaged one fails that read with an IOException naming it. Recovery reads them in
     * turn, so the one it loads is read once, not once to verify and again to load. By default the
     * newest valid one alone.
     */
    default List<Snapshot> newestFirst() throws IOException {
        return latestValid().map(List::of).orElse(List.of());
    }

    /** The zxids of the stored snapshots, newest first. */
    List<Long> list() throws IOException;

    /** Keeps the newest {@code count} snapshots and deletes the rest. */
    void retain(int count) throws IOException;

    @FunctionalInterface
    interface SnapshotWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A stored snapshot; {@link #open()} streams the bytes the writer produced. */
    interface Snapshot {
        long zxid();

        InputStream open() throws IOException;
    }
}
