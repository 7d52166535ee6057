package io.chorus.persistence.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.SnapshotStore;
import io.chorus.persistence.testing.ChildJvm;
import io.chorus.persistence.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL in the middle of a save: the unfinished snapshot never becomes latest. */
class SnapshotCrashTest {
    /** Chunks the unfinished save must have handed over (about 12 MiB, much of it written out) before the kill. */
    private static final int CHUNKS_BEFORE_KILL_MIN = 200;

    @TempDir
    Path dir;

    @Test
    void aSaveInterruptedBySigkillNeverBecomesLatestAndIsCleanedUp() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, SnapshotWriterChild.class, dir.toString())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast("child exited early: " + child, () -> !child.isAlive())
                    .until(() -> child.lines().contains("chunks " + CHUNKS_BEFORE_KILL_MIN));
            child.kill();
        }
        try (LogCapture warnings = LogCapture.of(MapDbSnapshotStore.class);
             MapDbSnapshotStore store = MapDbSnapshotStore.open(dir, SnapshotWriterChild.CHUNK_BYTES)) {
            assertThat(store.list()).containsExactly(1L);
            SnapshotStore.Snapshot latest = store.latestValid().orElseThrow();
            assertThat(latest.zxid()).isEqualTo(1);
            byte[] expected = SnapshotStoreContract.randomBytes(SnapshotWriterChild.FIRST_SNAPSHOT_BYTES, 1);
            assertThat(Arrays.equals(SnapshotStoreContract.read(latest), expected)).isTrue();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(file -> file.getFileName().toString().startsWith("snapshot.")))
                        .as("the unfinished file is gone").containsExactly(store.fileOf(1));
            }
            assertThat(warnings.warnings()).singleElement().asString()
                    .contains("interrupted by a crash", dir.toString());
        }
    }
}
