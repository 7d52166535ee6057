package io.chorus.persistence.log;

import static io.chorus.persistence.testing.TestEntries.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.persistence.testing.ChildJvm;
import io.chorus.persistence.testing.TestEntries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process appending through group commit is killed with SIGKILL mid-load; the reopened log must hold every
 * zxid it reported durable, as a gap-free prefix 1..n with the right payloads. (SIGKILL keeps what reached
 * the page cache, so this checks recovery and the order of acknowledgement, not power loss; torn tails are
 * covered by {@link FileTxnLogRecoveryTest}.)
 */
class LogCrashTest {
    /** Durable entries the child must report before it is killed, so the kill lands mid-load. */
    private static final long DURABLE_BEFORE_KILL_MIN = 3000;

    @TempDir
    Path dir;

    static TxnLog openLog(String kind, Path dir) throws IOException {
        switch (kind) {
            case "file":
                return FileTxnLog.open(dir.resolve("log"));
            case "mapdb":
                return MapDbTxnLog.open(dir.resolve("log.db"));
            default:
                throw LogWriterChild.usage();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "mapdb"})
    void everyZxidReportedDurableSurvivesSigkill(String kind) throws Exception {
        long reportedMax;
        try (ChildJvm child = ChildJvm.start(dir, LogWriterChild.class, kind, dir.toString())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast("child exited early: " + child, () -> !child.isAlive())
                    .until(() -> highestDurable(child.lines()) >= DURABLE_BEFORE_KILL_MIN);
            child.kill();
            assertThat(child.lines()).as("child output").noneMatch(line -> line.startsWith("failed"));
            reportedMax = highestDurable(child.lines());
        }
        try (TxnLog log = openLog(kind, dir)) {
            List<LogEntry> recovered = readAll(log);
            long n = recovered.size();
            assertThat(n).as("entries recovered").isGreaterThanOrEqualTo(reportedMax);
            assertThat(TestEntries.sameEntries(recovered, TestEntries.entries(1, n)))
                    .as("log is the gap-free prefix 1..%d with its payloads", n).isTrue();
            assertThat(log.lastZxid()).isEqualTo(n);
        }
    }

    private static long highestDurable(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("durable "))
                .mapToLong(line -> Long.parseLong(line.substring("durable ".length())))
                .max().orElse(0);
    }

}
