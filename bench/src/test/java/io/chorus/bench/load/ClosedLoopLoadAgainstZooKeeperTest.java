package io.chorus.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.bench.process.ClientTransport;
import io.chorus.bench.process.StartedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tiny closed-loop runs against an Apache ZooKeeper the bench starts itself, checked against the server's state. */
class ClosedLoopLoadAgainstZooKeeperTest {
    private static final int KEYS = 40;
    private static final LoadSpec ONE_SECOND =
            new LoadSpec(3, 4, 64, KEYS, 200, 1_000, 1_000_000, ClientTransport.NIO);

    private static StartedServer zooKeeper;
    private final StringWriter progress = new StringWriter();

    @BeforeAll
    static void startZooKeeper() {
        zooKeeper = StartedServer.zooKeeper();
    }

    @AfterAll
    static void stopZooKeeper() {
        zooKeeper.close();
    }

    @ParameterizedTest
    @EnumSource(ClientTransport.class)
    void everyAcknowledgedWriteBumpsAKeyVersion(ClientTransport transport) throws Exception {
        LoadSpec spec = new LoadSpec(3, 4, 64, KEYS, 200, 1_000, 1_000_000, transport);
        KeySpace keys = new KeySpace(KEYS, 64);
        try (SessionGroup sessions = SessionGroup.open(zooKeeper.connectString(), spec.sessions(),
                Duration.ofSeconds(10), spec.transport())) {
            byte[] value = WorkloadSeries.value(64);
            keys.prepare(sessions, value, 8, new PrintWriter(progress));
            long versionsBefore = versionSum(sessions.get(0), keys);

            LoadResult result = LoadRunner.run(sessions, Workload.WRITE, spec, keys, value, KeySpace.ROOT);

            assertThat(result.errors()).as(result.firstError()).isZero();
            assertThat(result.measuredOps()).isPositive();
            assertThat(result.succeededOps()).isGreaterThanOrEqualTo(result.measuredOps());
            assertThat(versionSum(sessions.get(0), keys) - versionsBefore).isEqualTo(result.succeededOps());
            assertThat(result.measuredNanos()).isEqualTo(1_000_000_000L);
        }
    }

    @Test
    void everyAcknowledgedCreateAddsOneNode() throws Exception {
        KeySpace keys = new KeySpace(KEYS, 64);
        try (SessionGroup sessions = SessionGroup.open(zooKeeper.connectString(), 2, Duration.ofSeconds(10),
                ClientTransport.NIO)) {
            KeySpace.ensureExists(sessions.get(0), KeySpace.ROOT);
            String directory = KeySpace.ROOT + "/creates-test";
            KeySpace.ensureExists(sessions.get(0), directory);

            LoadSpec spec = new LoadSpec(2, 4, 64, KEYS, 100, 1_000, 1_000_000, ClientTransport.NIO);
            LoadResult result =
                    LoadRunner.run(sessions, Workload.CREATE, spec, keys, WorkloadSeries.value(64), directory);

            assertThat(result.errors()).as(result.firstError()).isZero();
            assertThat(sessions.get(0).getAllChildrenNumber(directory)).isEqualTo(result.succeededOps());
        }
    }

    @Test
    void readAndMixedReportOrderedPercentilesAndThroughput() {
        List<LoadResult> results = new WorkloadSeries(ONE_SECOND, new PrintWriter(progress))
                .run(zooKeeper.connectString(), List.of(Workload.READ, Workload.MIXED));

        assertThat(results).extracting(LoadResult::workload).containsExactly(Workload.READ, Workload.MIXED);
        for (LoadResult r : results) {
            assertThat(r.errors()).as(r.firstError()).isZero();
            assertThat(r.throughputPerSecond()).isPositive();
            assertThat(r.percentileMicros(50)).isPositive()
                    .isLessThanOrEqualTo(r.percentileMicros(90));
            assertThat(r.percentileMicros(90)).isLessThanOrEqualTo(r.percentileMicros(99));
            assertThat(r.percentileMicros(99)).isLessThanOrEqualTo(r.percentileMicros(99.9));
            assertThat(r.percentileMicros(99.9)).isLessThanOrEqualTo(r.maxMicros());
        }
        assertThat(progress.toString()).contains("preparing 40 keys", "read:", "mixed:");
    }

    @Test
    void stopsAtTheRequestBudgetLongBeforeTheWindowEnds() {
        // A ten-minute window: only the budget can end this run while the test is still running.
        LoadSpec budgeted = new LoadSpec(3, 4, 64, KEYS, 0, 600_000, 100, ClientTransport.NIO);

        LoadResult result = new WorkloadSeries(budgeted, new PrintWriter(progress))
                .run(zooKeeper.connectString(), List.of(Workload.READ)).get(0);

        assertThat(result.succeededOps() + result.errors()).isEqualTo(100);
        assertThat(result.measuredOps()).isEqualTo(100);
        assertThat(result.measuredNanos()).isPositive().isLessThan(600_000_000_000L);
    }

    @Test
    void sessionsWhoseRequestsAllFailStopAtTheErrorBound() {
        // Keys of a size never prepared: every setData fails with NONODE. A ten-minute window means only
        // the error bound can end the run while the test is still running.
        KeySpace missing = new KeySpace(KEYS, 65);
        LoadSpec spec = new LoadSpec(2, 4, 65, KEYS, 0, 600_000, 1_000_000, ClientTransport.NIO);
        try (SessionGroup sessions = SessionGroup.open(zooKeeper.connectString(), 2, Duration.ofSeconds(10),
                spec.transport())) {
            LoadResult result = LoadRunner.run(sessions, Workload.WRITE, spec, missing, WorkloadSeries.value(65),
                    KeySpace.ROOT);

            assertThat(result.succeededOps()).isZero();
            assertThat(result.errors()).isBetween(2 * SessionLoop.ERRORS_PER_SESSION_MAX,
                    2 * (SessionLoop.ERRORS_PER_SESSION_MAX + 4));
            assertThat(result.firstError()).startsWith(missing.directory()).endsWith("NONODE");
        }
    }

    private static long versionSum(ZooKeeper zk, KeySpace keys) throws Exception {
        long sum = 0;
        for (int i = 0; i < keys.keyCount(); i++) {
            Stat stat = zk.exists(keys.key(i), false);
            sum += stat.getVersion();
        }
        return sum;
    }
}
