package io.chorus.persistence;

import static io.chorus.persistence.testing.TestEntries.range;
import static io.chorus.persistence.testing.TestEntries.readAll;
import static io.chorus.persistence.testing.TestEntries.zxids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chorus.persistence.log.CorruptLogException;
import io.chorus.persistence.log.FileTxnLogOptions;
import io.chorus.persistence.metadata.FileMetadata;
import io.chorus.persistence.testing.ChildJvm;
import io.chorus.persistence.testing.TestEntries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path root;

    @Test
    void laysOutTheStoresAndKeepsWhatWasWrittenAcrossReopen() throws IOException {
        Path dataDir = root.resolve("data");
        try (DataDirectory data = DataDirectory.open(dataDir)) {
            TestEntries.append(data.log(), 1, 3);
            data.log().sync();
            data.snapshots().save(2, out -> out.write(new byte[] {7}));
            data.metadata().put("zab.acceptedEpoch", 5);
        }
        assertThat(dataDir.resolve(DirectoryLock.FILE_NAME)).isRegularFile();
        assertThat(dataDir.resolve("snapshots").resolve("snapshot.0000000000000002.db")).isRegularFile();
        assertThat(dataDir.resolve("metadata").resolve(FileMetadata.FILE_NAME)).isRegularFile();
        try (Stream<Path> logFiles = Files.list(dataDir.resolve("log"))) {
            assertThat(logFiles.map(p -> p.getFileName().toString())).containsExactly("log.0000000000000001");
        }
        try (DataDirectory data = DataDirectory.open(dataDir)) {
            assertThat(zxids(readAll(data.log()))).isEqualTo(range(1, 3));
            assertThat(data.snapshots().list()).containsExactly(2L);
            assertThat(data.metadata().get("zab.acceptedEpoch", 0)).isEqualTo(5);
        }
    }

    @Test
    void aSeparateLogDirectoryHoldsTheLogAndIsLockedToo() throws IOException {
        Path dataDir = root.resolve("data");
        Path logDir = root.resolve("fast-disk");
        try (DataDirectory data = DataDirectory.open(dataDir, logDir, FileTxnLogOptions.defaults())) {
            TestEntries.append(data.log(), 1, 2);
            assertThat(data.log().directory()).isEqualTo(logDir.toAbsolutePath().resolve("log"));
            assertThatThrownBy(() -> DataDirectory.open(root.resolve("other"), logDir, FileTxnLogOptions.defaults()))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(logDir.toString());
        }
        assertThat(logDir.resolve("log").resolve("log.0000000000000001")).isRegularFile();
        assertThat(dataDir.resolve("log")).doesNotExist();
    }

    @Test
    void aLogDirectoryThatIsASymlinkToTheDataDirectoryIsLockedOnce() throws IOException {
        Path dataDir = Files.createDirectories(root.resolve("data"));
        Path link = Files.createSymbolicLink(root.resolve("link"), dataDir);
        try (DataDirectory data = DataDirectory.open(dataDir, link, FileTxnLogOptions.defaults())) {
            TestEntries.append(data.log(), 1, 1);
        }
        assertThat(dataDir.resolve("log").resolve("log.0000000000000001")).isRegularFile();
    }

    @Test
    void aSecondOpenInTheSameProcessIsRefused() throws IOException {
        try (DataDirectory first = DataDirectory.open(root)) {
            assertThatThrownBy(() -> DataDirectory.open(root))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(root.toString())
                    .hasMessageContaining("already open in this process");
            TestEntries.append(first.log(), 1, 1);
        }
        try (DataDirectory again = DataDirectory.open(root)) {
            assertThat(again.log().lastZxid()).isEqualTo(1);
        }
    }

    @Test
    void aSecondServerProcessIsRefusedUntilTheFirstStops() throws Exception {
        try (ChildJvm first = ChildJvm.start(root, LockHolderChild.class, root.resolve("data").toString())) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .failFast("child exited early: " + first, () -> !first.isAlive())
                    .until(() -> first.lines().stream().anyMatch(line -> line.startsWith("locked ")));
            assertThatThrownBy(() -> DataDirectory.open(root.resolve("data")))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("locked by another process")
                    .hasMessageContaining("holder pid " + first.pid());
            first.closeStdin();
            assertThat(first.awaitExit()).isZero();
            assertThat(first.lines()).contains("released");
        }
        try (DataDirectory data = DataDirectory.open(root.resolve("data"))) {
            assertThat(data.dataDir()).isEqualTo(root.resolve("data").toAbsolutePath());
        }
    }

    @Test
    void aFailedOpenReleasesEverythingItHadOpened() throws IOException {
        try (DataDirectory data = DataDirectory.open(root)) {
            for (long zxid = 1; zxid <= 3; zxid++) {
                data.log().append(TestEntries.entry(zxid, 100));
            }
        }
        Path segment = root.resolve("log").resolve("log.0000000000000001");
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 28 + 16 + 5);
        }
        assertThatThrownBy(() -> DataDirectory.open(root)).isInstanceOf(CorruptLogException.class);
        Files.delete(segment);
        try (DataDirectory data = DataDirectory.open(root)) {
            assertThat(data.log().lastZxid()).isZero();
        }
    }
}
