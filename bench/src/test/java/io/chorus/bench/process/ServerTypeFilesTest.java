package io.chorus.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTypeFilesTest {
    /** ZooKeeper's newest snapshot is read from its files: no server is asked. */
    private static final InetSocketAddress UNUSED = new InetSocketAddress(Loopback.HOST, 1);

    @TempDir
    Path dataDir;

    @Test
    void zooKeeperSnapshotsAreOrderedByZxidNotByName() throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("version-2"));
        Files.write(dir.resolve("snapshot.ff"), new byte[1]);
        Files.write(dir.resolve("snapshot.100"), new byte[2]);
        Files.write(dir.resolve("snapshot.0"), new byte[3]);
        Files.write(dir.resolve("log.1"), new byte[4]);

        List<Path> snapshots = new ZooKeeperServerType().snapshotFiles(dataDir);

        assertThat(snapshots).extracting(p -> p.getFileName().toString())
                .containsExactly("snapshot.100", "snapshot.ff", "snapshot.0");
        assertThat(new ZooKeeperServerType().newestSnapshot(dataDir, UNUSED))
                .contains(new NewestSnapshot(0x100, 2));
        assertThat(new ZooKeeperServerType().snapshotFilesBytes(dataDir)).isEqualTo(1 + 2 + 3);
    }

    @Test
    void withoutSnapshotsThereAreNoneAndNoSize() throws IOException {
        assertThat(new ZooKeeperServerType().snapshotFiles(dataDir)).isEmpty();
        assertThat(new ZooKeeperServerType().newestSnapshot(dataDir, UNUSED)).isEmpty();
        assertThat(new ZooKeeperServerType().snapshotFilesBytes(dataDir)).isEqualTo(-1);
        assertThat(new ChorusServerType().snapshotFilesBytes(dataDir)).isEqualTo(-1);
    }

    @Test
    void zooKeeperConfigSyncsAndBindsLoopback() {
        String cfg = ZooKeeperServerType.zooCfg(2181, dataDir);
        assertThat(cfg).contains("forceSync=yes", "clientPortAddress=127.0.0.1", "clientPort=2181",
                "dataDir=" + dataDir.toAbsolutePath());
    }

    @Test
    void chorusSnapshotsAreEveryFileUnderSnapshotsNewestFirst() throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("snapshots").resolve("nested"));
        Path older = Files.write(dataDir.resolve("snapshots").resolve("a.snap"), new byte[1]);
        Path newer = Files.write(dir.resolve("b.snap"), new byte[2]);
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
        Files.write(dataDir.resolve("txnlog"), new byte[5]);

        assertThat(new ChorusServerType().snapshotFiles(dataDir)).containsExactly(newer, older);
        assertThat(new ChorusServerType().snapshotFilesBytes(dataDir)).isEqualTo(3);
    }

    @Test
    void chorusIsStartedWithPortDataDirAndLoopbackBind() {
        assertThat(new ChorusServerType().mainAndArgs(4242, dataDir, dataDir)).containsExactly(
                ChorusServerType.MAIN_CLASS, "server", "--port", "4242", "--data-dir", dataDir.toString(),
                "--bind", "127.0.0.1");
    }

    @Test
    void extraJvmFlagsGoToTheChorusChildOnly() {
        ChorusServerType profiled = new ChorusServerType(List.of("-XX:StartFlightRecording=filename=c.jfr"));
        assertThat(profiled.jvmFlags()).containsExactly("-XX:StartFlightRecording=filename=c.jfr");
        assertThat(new ChorusServerType().jvmFlags()).isEmpty();
        assertThat(new ZooKeeperServerType().jvmFlags()).doesNotContain("-XX:StartFlightRecording=filename=c.jfr");
    }

    @Test
    void aJvmFlagNotStartingWithADashIsRefused() {
        assertThatThrownBy(() -> new ChorusServerType(List.of("StartFlightRecording")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts with '-'");
    }
}
