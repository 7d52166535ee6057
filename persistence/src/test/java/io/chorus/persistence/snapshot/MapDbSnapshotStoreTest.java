package io.chorus.persistence.snapshot;

import static io.chorus.persistence.snapshot.SnapshotStoreContract.randomBytes;
import static io.chorus.persistence.snapshot.SnapshotStoreContract.read;
import static io.chorus.persistence.snapshot.SnapshotStoreContract.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.SnapshotStore;
import io.chorus.persistence.testing.LogCapture;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MapDB store's checksums, chunking and handling of damaged files. */
class MapDbSnapshotStoreTest {
    private static final int CHUNK_BYTES = MapDbSnapshotStore.CHUNK_BYTES_MAX;

    @TempDir
    Path dir;

    private MapDbSnapshotStore open() throws IOException {
        return MapDbSnapshotStore.open(dir, CHUNK_BYTES);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 2 * CHUNK_BYTES, 3 * CHUNK_BYTES + 17})
    void streamsOfEveryLengthAroundAChunkBoundaryRoundTrip(int length) throws IOException {
        byte[] state = randomBytes(length, length);
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(state));
            assertThat(Arrays.equals(read(store.latestValid().orElseThrow()), state)).isTrue();
            assertThat(files()).containsExactly(store.fileOf(1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, MapDbSnapshotStore.CHUNK_BYTES_MAX + 1, 1 << 20})
    void aChunkSizeMapDbWouldStoreAsALinkedRecordOrNoneAtAllIsRefused(int chunkBytes) throws IOException {
        assertThatThrownBy(() -> MapDbSnapshotStore.open(dir, chunkBytes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunkBytes");
        assertThat(files()).isEmpty();
    }

    @Test
    void aWriterAndReaderGoingAByteAtATimeRoundTrip() throws IOException {
        int ints = CHUNK_BYTES / 2;
        try (MapDbSnapshotStore store = open()) {
            store.save(1, out -> {
                DataOutputStream data = new DataOutputStream(out);
                for (int i = 0; i < ints; i++) {
                    data.writeInt(i * 31);
                    data.write(i);
                }
                data.flush();
            });
            try (DataInputStream in = new DataInputStream(store.latestValid().orElseThrow().open())) {
                for (int i = 0; i < ints; i++) {
                    assertThat(in.readInt()).isEqualTo(i * 31);
                    assertThat(in.read()).isEqualTo(i & 0xff);
                }
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aCorruptedChunkIsSkippedWithAWarningInFavourOfTheOlderSnapshot() throws IOException {
        byte[] older = randomBytes(200_000, 1);
        byte[] newer = randomBytes(200_000, 2);
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(older));
            store.save(2, writing(newer));
        }
        byte[] inSecondChunk = Arrays.copyOfRange(newer, CHUNK_BYTES + 1000, CHUNK_BYTES + 1032);
        flipByteWithin(fileOf(2), inSecondChunk);

        try (LogCapture warnings = LogCapture.of(MapDbSnapshotStore.class); MapDbSnapshotStore store = open()) {
            SnapshotStore.Snapshot latest = store.latestValid().orElseThrow();
            assertThat(latest.zxid()).isEqualTo(1);
            assertThat(Arrays.equals(read(latest), older)).isTrue();
            assertThat(warnings.warnings()).singleElement().asString()
                    .contains("Skipping a damaged snapshot", "snapshot 0x2: chunk 1 CRC32C mismatch");
            assertThat(store.list()).containsExactly(2L, 1L);
        }
    }

    @Test
    void newestFirstHandsOverEverySnapshotUnreadAndReadingADamagedOneFailsNamingIt() throws IOException {
        byte[] older = randomBytes(200_000, 4);
        byte[] newer = randomBytes(200_000, 5);
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(older));
            store.save(2, writing(newer));
        }
        flipByteWithin(fileOf(2), Arrays.copyOfRange(newer, CHUNK_BYTES + 1000, CHUNK_BYTES + 1032));

        try (MapDbSnapshotStore store = open()) {
            List<SnapshotStore.Snapshot> snapshots = store.newestFirst();
            assertThat(snapshots).extracting(SnapshotStore.Snapshot::zxid).containsExactly(2L, 1L);
            assertThatThrownBy(() -> read(snapshots.get(0))).isInstanceOf(IOException.class)
                    .hasMessageContaining("snapshot 0x2: chunk 1 CRC32C mismatch");
            assertThat(Arrays.equals(read(snapshots.get(1)), older)).isTrue();
        }
    }

    @Test
    void latestValidIsEmptyWhenTheOnlySnapshotIsCorrupt() throws IOException {
        byte[] state = randomBytes(100_000, 3);
        try (MapDbSnapshotStore store = open()) {
            store.save(5, writing(state));
        }
        flipByteWithin(fileOf(5), Arrays.copyOfRange(state, 500, 532));
        try (MapDbSnapshotStore store = open()) {
            assertThat(store.latestValid()).isEmpty();
        }
    }

    @Test
    void aStreamOpenedBeforeRetainDeletedItsFileReadsToTheEndAndOneOpenedAfterFailsClearly() throws IOException {
        byte[] state = randomBytes(3 * CHUNK_BYTES, 1);
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(state));
            SnapshotStore.Snapshot first = store.latestValid().orElseThrow();
            store.save(2, writing(randomBytes(10, 2)));
            try (InputStream opened = first.open()) {
                store.retain(1);
                assertThat(store.fileOf(1)).doesNotExist();
                assertThat(Arrays.equals(opened.readAllBytes(), state)).isTrue();
            }
            assertThatThrownBy(() -> read(first))
                    .isInstanceOf(CorruptSnapshotException.class)
                    .hasMessageContaining("snapshot 0x1: " + store.fileOf(1) + " was deleted");
        }
    }

    @Test
    void aSaveCutShortLeavesNoFileBehind() throws IOException {
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(randomBytes(2 * CHUNK_BYTES, 1)));
            assertThatThrownBy(() -> store.save(2, out -> {
                out.write(randomBytes(40 * CHUNK_BYTES, 2));
                throw new IllegalStateException("serializer bug");
            })).hasMessage("serializer bug");
            assertThat(files()).containsExactly(store.fileOf(1));
            assertThat(store.list()).containsExactly(1L);
        }
    }

    @Test
    void retainDeletesTheFilesOfWhatItDropsAndASecondSaveOfAZxidReplacesIt() throws IOException {
        try (MapDbSnapshotStore store = open()) {
            for (long zxid = 1; zxid <= 4; zxid++) {
                store.save(zxid, writing(randomBytes(3 * CHUNK_BYTES, zxid)));
            }
            assertThat(files()).hasSize(4);
            store.retain(1);
            assertThat(files()).containsExactly(store.fileOf(4));
            byte[] replacement = randomBytes(CHUNK_BYTES, 9);
            store.save(4, writing(replacement));
            assertThat(files()).containsExactly(store.fileOf(4));
            assertThat(Arrays.equals(read(store.latestValid().orElseThrow()), replacement)).isTrue();
        }
    }

    @Test
    void aSnapshotFileCutShortIsSkippedWithAWarningNamingIt() throws IOException {
        byte[] older = randomBytes(1000, 1);
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(older));
            store.save(2, writing(randomBytes(1000, 2)));
        }
        Path file = fileOf(2);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(20);
        }
        try (LogCapture warnings = LogCapture.of(MapDbSnapshotStore.class); MapDbSnapshotStore store = open()) {
            assertThat(store.newestFirst()).extracting(SnapshotStore.Snapshot::zxid).containsExactly(1L);
            assertThat(Arrays.equals(read(store.latestValid().orElseThrow()), older)).isTrue();
            assertThat(warnings.warnings()).isNotEmpty().allSatisfy(warning -> assertThat(warning.toString())
                    .contains("Skipping a damaged snapshot", file.toString()));
        }
    }

    @Test
    void aFileThatIsNotAMapDbStoreIsSkippedWithAWarningNamingIt() throws IOException {
        Path file = Files.write(fileOf(7), randomBytes(4096, 5));
        try (LogCapture warnings = LogCapture.of(MapDbSnapshotStore.class); MapDbSnapshotStore store = open()) {
            assertThat(store.list()).containsExactly(7L);
            assertThat(store.latestValid()).isEmpty();
            assertThat(store.newest()).isEmpty();
            assertThat(warnings.warnings()).isNotEmpty().allSatisfy(warning -> assertThat(warning.toString())
                    .contains(file.toString()));
        }
    }

    @Test
    void theSingleFileOfEarlierBuildsIsRefusedNamingIt() throws IOException {
        Path legacy = Files.write(dir.resolve(MapDbSnapshotStore.SINGLE_FILE_NAME), randomBytes(4096, 5));
        assertThatThrownBy(this::open).isInstanceOf(IOException.class)
                .hasMessageContaining(legacy.toString()).hasMessageContaining("single-file format");
    }

    @Test
    void aSaveThatCannotWriteItsFileFailsNamingItAndTheOlderSnapshotStays() throws IOException {
        byte[] older = randomBytes(1000, 1);
        Path inTheWay = dir.resolve("snapshot.0000000000000002.db.partial");
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(older));
            Files.createDirectories(inTheWay.resolve("occupied"));
            assertThatThrownBy(() -> store.save(2, writing(randomBytes(1000, 2))))
                    .isInstanceOf(IOException.class).hasMessageContaining(inTheWay.toString());
            assertThat(store.list()).containsExactly(1L);
            assertThat(store.newest()).contains(new StoredSnapshotSize(1, older.length));
            assertThat(Arrays.equals(read(store.latestValid().orElseThrow()), older)).isTrue();
        }
    }

    /**
     * A byte flipped anywhere in the newest file (MapDB's header, its index, the chunks, free space): recovery
     * never fails for it; it gets the newest snapshot intact, or the older one.
     */
    @Test
    void aByteFlippedAnywhereInTheNewestFileNeverFailsRecovery() throws IOException {
        byte[] older = randomBytes(100_000, 1);
        byte[] newer = randomBytes(100_000, 2);
        int places = 24;
        for (int place = 0; place < places; place++) {
            Path storeDir = Files.createDirectory(dir.resolve("place-" + place));
            Path file;
            try (MapDbSnapshotStore store = MapDbSnapshotStore.open(storeDir, CHUNK_BYTES)) {
                store.save(1, writing(older));
                store.save(2, writing(newer));
                file = store.fileOf(2);
            }
            long offset = Files.size(file) * place / places + place; // the header, then every part of the file
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                channel.read(one, offset);
                channel.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), offset);
            }
            try (MapDbSnapshotStore store = MapDbSnapshotStore.open(storeDir, CHUNK_BYTES)) {
                SnapshotStore.Snapshot latest = store.latestValid().orElseThrow();
                assertThat(read(latest)).as("flipped at %d", offset).isEqualTo(latest.zxid() == 2 ? newer : older);
            }
        }
    }

    @Test
    void filesThatAreNotSnapshotsAreLeftAlone() throws IOException {
        Path other = Files.write(dir.resolve("README"), new byte[] {1});
        try (MapDbSnapshotStore store = open()) {
            store.save(3, writing(randomBytes(10, 3)));
            store.retain(0);
            assertThat(files()).containsExactly(other);
        }
    }

    @Test
    void aStreamOpenedAfterCloseFailsClearly() throws IOException {
        SnapshotStore.Snapshot snapshot;
        try (MapDbSnapshotStore store = open()) {
            store.save(1, writing(randomBytes(10, 1)));
            snapshot = store.latestValid().orElseThrow();
        }
        assertThatThrownBy(snapshot::open).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aStreamChecksTheWholeStreamAtItsEnd() throws IOException {
        SnapshotHeader lying = new SnapshotHeader(1, 3, 0, new long[] {1});
        byte[] chunk = ChunkFormat.encode(1, 0, new byte[] {1, 2, 3}, 3);
        try (InputStream in = new ChunkInputStream(lying, index -> chunk, () -> { })) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(CorruptSnapshotException.class)
                    .hasMessageContaining("does not match the header");
        }
    }

    private Path fileOf(long zxid) {
        return MapDbSnapshotStore.fileOf(dir, zxid);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Flips one byte of the only place in {@code file} holding {@code needle}; fails if there is not exactly one. */
    private static void flipByteWithin(Path file, byte[] needle) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int found = -1;
        for (int i = 0; i + needle.length <= content.length; i++) {
            if (Arrays.equals(content, i, i + needle.length, needle, 0, needle.length)) {
                assertThat(found).as("needle found twice").isEqualTo(-1);
                found = i;
            }
        }
        assertThat(found).as("needle in " + file).isNotNegative();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) ~needle[needle.length / 2]}), found + needle.length / 2L);
        }
    }
}
