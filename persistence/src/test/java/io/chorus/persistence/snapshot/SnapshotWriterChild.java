package io.chorus.persistence.snapshot;

import io.chorus.persistence.testing.StdinWatch;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * The process {@link SnapshotCrashTest} kills: saves a complete snapshot at zxid 1, then starts a snapshot at
 * zxid 2 that never finishes, printing {@code chunks <n>} after each chunk is handed over. Stops writing after
 * {@link #CHUNKS_MAX} chunks and waits to be killed (or for stdin to close).
 * Usage: {@code SnapshotWriterChild <directory>}.
 */
public final class SnapshotWriterChild {
    static final int CHUNK_BYTES = MapDbSnapshotStore.CHUNK_BYTES_MAX;
    static final int FIRST_SNAPSHOT_BYTES = 16 * CHUNK_BYTES;
    /** Bounds the unfinished save: 60 MiB at the chunk size above. */
    static final int CHUNKS_MAX = 1024;

    private SnapshotWriterChild() {
    }

    /** Parks the writer until the process is killed (or its stdin closes, which halts it). */
    private static void awaitKill() throws InterruptedIOException {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted while waiting to be killed");
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        StdinWatch.haltOnEof(() -> { });
        MapDbSnapshotStore store = MapDbSnapshotStore.open(Path.of(args[0]), CHUNK_BYTES);
        store.save(1, SnapshotStoreContract.writing(SnapshotStoreContract.randomBytes(FIRST_SNAPSHOT_BYTES, 1)));
        System.out.println("saved 1");
        store.save(2, out -> {
            byte[] chunk = SnapshotStoreContract.randomBytes(CHUNK_BYTES, 2);
            for (int n = 1; n <= CHUNKS_MAX; n++) {
                out.write(chunk);
                System.out.println("chunks " + n);
                System.out.flush();
            }
            awaitKill();
        });
    }
}
