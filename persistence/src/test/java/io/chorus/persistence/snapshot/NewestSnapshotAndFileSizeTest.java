package io.chorus.persistence.snapshot;

import static io.chorus.persistence.snapshot.SnapshotStoreContract.randomBytes;
import static io.chorus.persistence.snapshot.SnapshotStoreContract.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store reports about its newest snapshot for monitoring, and how its file grows. */
class NewestSnapshotAndFileSizeTest {
    private static final int CHUNK_BYTES = MapDbSnapshotStore.CHUNK_BYTES_MAX;
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private MapDbSnapshotStore open() throws IOException {
        return MapDbSnapshotStore.open(dir, CHUNK_BYTES);
    }

    @Test
    void newestIsTheHighestZxidWithItsStreamLengthAcrossSavesRetainAndReopen() throws IOException {
        try (MapDbSnapshotStore store = open()) {
            assertThat(store.newest()).isEmpty();
            store.save(0x20, writing(randomBytes(150_000, 1)));
            assertThat(store.newest()).contains(new StoredSnapshotSize(0x20, 150_000));
            store.save(0x10, writing(randomBytes(7, 2)));
            assertThat(store.newest()).as("an older zxid saved later is not the newest")
                    .contains(new StoredSnapshotSize(0x20, 150_000));
            store.save(0x20, writing(randomBytes(3 * CHUNK_BYTES, 3)));
            assertThat(store.newest()).as("replaced").contains(new StoredSnapshotSize(0x20, 3 * CHUNK_BYTES));
            store.retain(1);
            assertThat(store.newest()).contains(new StoredSnapshotSize(0x20, 3 * CHUNK_BYTES));
        }
        try (MapDbSnapshotStore reopened = open()) {
            assertThat(reopened.newest()).contains(new StoredSnapshotSize(0x20, 3 * CHUNK_BYTES));
            reopened.retain(0);
            assertThat(reopened.newest()).isEmpty();
        }
    }

    @Test
    void aFailedSaveLeavesTheNewestAsItWas() throws IOException {
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(randomBytes(10, 1)));
            assertThatThrownBy(() -> store.save(2, out -> {
                out.write(randomBytes(2 * CHUNK_BYTES, 2));
                throw new IOException("disk full");
            })).hasMessage("disk full");
            assertThat(store.newest()).contains(new StoredSnapshotSize(1, 10));
        }
    }

    @Test
    void newestAnswersWhileASaveHoldsTheStore() throws Exception {
        CountDownLatch writerStarted = new CountDownLatch(1);
        CountDownLatch releaseWriter = new CountDownLatch(1);
        ExecutorService saver = Executors.newSingleThreadExecutor();
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(randomBytes(100, 1)));
            Future<?> save = saver.submit(() -> {
                store.save(2, out -> {
                    out.write(randomBytes(CHUNK_BYTES + 1, 2));
                    writerStarted.countDown();
                    awaitLatch(releaseWriter);
                });
                return null;
            });
            assertThat(writerStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            Optional<StoredSnapshotSize> during = CompletableFuture.supplyAsync(store::newest)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(during).contains(new StoredSnapshotSize(1, 100));
            releaseWriter.countDown();
            save.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(store.newest()).contains(new StoredSnapshotSize(2, CHUNK_BYTES + 1));
        } finally {
            releaseWriter.countDown();
            saver.shutdownNow();
            assertThat(saver.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A file per snapshot: after retain, the directory holds the retained snapshots and nothing more. */
    @Test
    void theDirectoryHoldsTheRetainedSnapshotsOnlyAfterEverySave() throws IOException {
        int snapshotBytes = 2 << 20;
        int retained = 2;
        try (MapDbSnapshotStore store = MapDbSnapshotStore.open(dir, CHUNK_BYTES)) {
            for (long zxid = 0; zxid < 8; zxid++) {
                store.save(zxid, writing(randomBytes(snapshotBytes, zxid)));
                store.retain(retained);
                // MapDB's own header and free pages take about 2 MiB a file, its records a few percent more
                long fileBytesMax = snapshotBytes + snapshotBytes / 20 + (2 << 20);
                assertThat(directoryBytes()).isBetween((long) retained * snapshotBytes, retained * fileBytesMax);
            }
            assertThat(store.list()).containsExactly(7L, 6L);
        }
    }

    private long directoryBytes() throws IOException {
        long total = 0;
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
        }
        return total;
    }

    private static void awaitLatch(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("test writer was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
