package io.chorus.persistence.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link SnapshotStore} must do; each implementation's test extends this once. */
abstract class SnapshotStoreContract {
    @TempDir
    Path dir;

    private SnapshotStore store;

    /** Opens the store kept in {@code dir}: new the first time, afterwards what a restarted node finds. */
    protected abstract SnapshotStore openStore(Path dir) throws IOException;

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] read(SnapshotStore.Snapshot snapshot) throws IOException {
        try (InputStream in = snapshot.open()) {
            return in.readAllBytes();
        }
    }

    static SnapshotStore.SnapshotWriter writing(byte[] bytes) {
        return out -> {
            // several write sizes, so chunk boundaries fall inside writes
            int at = 0;
            int step = 1;
            while (at < bytes.length) {
                int n = Math.min(step, bytes.length - at);
                out.write(bytes, at, n);
                at += n;
                step = step * 7 % 100_003 + 1;
            }
        };
    }

    @BeforeEach
    void open() throws IOException {
        store = openStore(dir);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private SnapshotStore reopen() throws IOException {
        store.close();
        store = openStore(dir);
        return store;
    }

    @Test
    void aMultiMebibyteSnapshotStreamsBackByteForByteAfterReopen() throws IOException {
        byte[] state = randomBytes((7 << 20) / 2 + 123, 1);
        store.save(42, writing(state));
        SnapshotStore.Snapshot latest = reopen().latestValid().orElseThrow();
        assertThat(latest.zxid()).isEqualTo(42);
        assertThat(Arrays.equals(read(latest), state)).isTrue();
    }

    @Test
    void anEmptySnapshotIsStillASnapshot() throws IOException {
        store.save(0, out -> { });
        SnapshotStore.Snapshot latest = store.latestValid().orElseThrow();
        assertThat(latest.zxid()).isZero();
        assertThat(read(latest)).isEmpty();
    }

    @Test
    void anEmptyStoreHasNoSnapshot() throws IOException {
        assertThat(store.latestValid()).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void listIsNewestFirstAndTheLatestIsTheNewest() throws IOException {
        for (long zxid : new long[] {5, 1, 9, 3}) {
            store.save(zxid, writing(randomBytes(100, zxid)));
        }
        assertThat(store.list()).containsExactly(9L, 5L, 3L, 1L);
        SnapshotStore.Snapshot latest = store.latestValid().orElseThrow();
        assertThat(latest.zxid()).isEqualTo(9);
        assertThat(read(latest)).isEqualTo(randomBytes(100, 9));
    }

    @Test
    void newestFirstHandsOverEverySnapshotWithItsBytes() throws IOException {
        for (long zxid : new long[] {5, 1, 9}) {
            store.save(zxid, writing(randomBytes(100, zxid)));
        }
        List<SnapshotStore.Snapshot> all = store.newestFirst();
        assertThat(all).extracting(SnapshotStore.Snapshot::zxid).containsExactly(9L, 5L, 1L);
        for (SnapshotStore.Snapshot snapshot : all) {
            assertThat(read(snapshot)).isEqualTo(randomBytes(100, snapshot.zxid()));
        }
    }

    @Test
    void retainKeepsTheNewestCountAndSurvivesReopen() throws IOException {
        for (long zxid = 1; zxid <= 5; zxid++) {
            store.save(zxid, writing(randomBytes(1000, zxid)));
        }
        store.retain(2);
        assertThat(store.list()).containsExactly(5L, 4L);
        assertThat(reopen().list()).containsExactly(5L, 4L);
        store.retain(5);
        assertThat(store.list()).containsExactly(5L, 4L);
        store.retain(0);
        assertThat(store.list()).isEmpty();
        assertThat(store.latestValid()).isEmpty();
        assertThatThrownBy(() -> store.retain(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void savingTheSameZxidAgainReplacesIt() throws IOException {
        store.save(7, writing(randomBytes(5000, 1)));
        store.save(7, writing(randomBytes(300, 2)));
        assertThat(store.list()).containsExactly(7L);
        assertThat(read(reopen().latestValid().orElseThrow())).isEqualTo(randomBytes(300, 2));
    }

    @Test
    void aSaveWhoseWriterFailsStoresNothingAndTheStoreGoesOn() throws IOException {
        store.save(1, writing(randomBytes(1000, 1)));
        IOException broken = new IOException("writer broke");
        assertThatThrownBy(() -> store.save(2, out -> {
            out.write(randomBytes((5 << 20) / 2, 2));
            throw broken;
        })).isSameAs(broken);
        assertThat(store.list()).containsExactly(1L);
        assertThat(store.latestValid().orElseThrow().zxid()).isEqualTo(1);
        store.save(3, writing(randomBytes(10, 3)));
        assertThat(reopen().list()).containsExactly(3L, 1L);
    }

    @Test
    void aNegativeZxidIsRefused() {
        assertThatThrownBy(() -> store.save(-1, out -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesUse() throws IOException {
        store.close();
        assertThatThrownBy(() -> store.save(1, out -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.list()).isInstanceOf(IllegalStateException.class);
    }
}
