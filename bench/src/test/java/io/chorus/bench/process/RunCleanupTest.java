package io.chorus.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCleanupTest {
    @Test
    void closingKillsChildrenStillRunningAndDeletesDirectories() throws Exception {
        ChildJvm jvm = ChildJvm.likeThisJvm("32m");
        Process child;
        Path dir;
        try (RunCleanup cleanup = new RunCleanup()) {
            dir = cleanup.newDirectory("run-cleanup-test-");
            Files.writeString(Files.createDirectories(dir.resolve("data")).resolve("file"), "x");
            child = new ProcessBuilder(jvm.command(List.of(), List.of(StdinBlockedMain.class.getName()))).start();
            cleanup.own(child);
            assertThat(child.isAlive()).isTrue();
        } // no explicit stop: the cleanup alone must end the child
        assertThat(child.isAlive()).isFalse();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aProcessHandedToAClosedCleanupIsKilledAtOnce() throws Exception {
        RunCleanup cleanup = new RunCleanup();
        cleanup.close();
        Process child = new ProcessBuilder(ChildJvm.likeThisJvm("32m")
                .command(List.of(), List.of(StdinBlockedMain.class.getName()))).start();
        try {
            assertThatThrownBy(() -> cleanup.own(child)).isInstanceOf(IllegalStateException.class);
            assertThat(child.waitFor(RunCleanup.KILL_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void childJvmRefusesAMalformedHeap() {
        assertThatThrownBy(() -> ChildJvm.likeThisJvm("2 GB")).hasMessageContaining("512m or 2g");
        assertThatThrownBy(() -> ChildJvm.likeThisJvm("0g")).hasMessageContaining("512m or 2g");
    }
}
