package io.chorus.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.bench.load.LoadResult;
import io.chorus.bench.load.LoadSpec;
import io.chorus.bench.load.Workload;
import io.chorus.bench.process.ClientTransport;
import io.chorus.bench.process.NewestSnapshot;
import io.chorus.bench.tree.TreeResult;
import io.chorus.bench.tree.TreeSpec;
import io.chorus.bench.tree.ValueMode;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final LoadSpec SPEC = new LoadSpec(16, 8, 100, 10_000, 5_000, 20_000, 1_000_000,
            ClientTransport.NIO);

    private static LoadResult result(Workload workload, long ops, long latencyMicros) {
        Histogram h = new Histogram(60_000_000L, 3);
        h.recordValueWithCount(latencyMicros, ops);
        return new LoadResult(workload, ops, ops, 0, 1_000_000_000L, h, null);
    }

    @Test
    void loadRatiosAreTheSecondServerOverTheFirst() {
        String report = LoadReport.render(SPEC, List.of(
                ServerOutcome.succeeded("ZooKeeper", List.of(result(Workload.WRITE, 20_000, 1_000))),
                ServerOutcome.succeeded("Chorus", List.of(result(Workload.WRITE, 10_000, 2_000)))));

        assertThat(report).contains("## Load: 16 sessions x 8 in flight (nio client socket), 100-byte values");
        assertThat(report).containsPattern("\\| write +\\| throughput \\(ops/s\\) +\\| +20,000 \\| +10,000 \\| +0\\.50 \\|");
        assertThat(report).containsPattern("\\| write +\\| p50 \\(us\\) +\\| +1,000 \\| +2,000 \\| +2\\.00 \\|");
        assertThat(report).contains("Chorus / ZooKeeper");
    }

    @Test
    void threeServersGetARatioForEveryPairLaterOverEarlier() {
        String report = LoadReport.render(SPEC, List.of(
                ServerOutcome.succeeded("ZooKeeper", List.of(result(Workload.WRITE, 20_000, 1_000))),
                ServerOutcome.succeeded("Chorus zab", List.of(result(Workload.WRITE, 30_000, 500))),
                ServerOutcome.succeeded("Chorus paxos-lite", List.of(result(Workload.WRITE, 27_000, 600)))));

        assertThat(report).contains("Chorus zab / ZooKeeper", "Chorus paxos-lite / ZooKeeper",
                "Chorus paxos-lite / Chorus zab");
        assertThat(report).containsPattern(
                "\\| write +\\| throughput \\(ops/s\\) +\\| +20,000 \\| +30,000 \\| +27,000 \\| +1\\.50 \\| +1\\.35 \\| +0\\.90 \\|");
    }

    @Test
    void aFailedServerShowsDashesAndItsReason() {
        String report = LoadReport.render(SPEC, List.of(
                ServerOutcome.succeeded("ZooKeeper", List.of(result(Workload.READ, 30_000, 500))),
                ServerOutcome.failed("Chorus", "exited with code 1 before serving")));

        assertThat(report).containsPattern("\\| read +\\| throughput \\(ops/s\\) +\\| +30,000 \\| +- \\| +- \\|");
        assertThat(report).contains("Chorus failed: exited with code 1 before serving");
    }

    @Test
    void failedRequestsAreCountedAndTheFirstIsQuoted() {
        Histogram h = new Histogram(60_000_000L, 3);
        h.recordValue(100);
        LoadResult withErrors = new LoadResult(Workload.WRITE, 1, 1, 7, 1_000_000_000L, h,
                "/chorus-bench/keys-100b/k0000003: CONNECTIONLOSS");

        String report = LoadReport.render(SPEC, List.of(ServerOutcome.succeeded("Chorus", List.of(withErrors))));

        assertThat(report).contains("Chorus write: 7 requests failed, the first /chorus-bench/keys-100b/k0000003: "
                + "CONNECTIONLOSS");
    }

    @Test
    void aSingleServerHasNoRatioColumn() {
        String report = LoadReport.render(SPEC, List.of(
                ServerOutcome.succeeded("target 127.0.0.1:2181", List.of(result(Workload.MIXED, 5, 100)))));
        assertThat(report).doesNotContain(" / ");
    }

    @Test
    void treeReportsHeapPerNodeAndMissingSnapshotsAsDashes() {
        TreeSpec spec = new TreeSpec(1_000, 10, 100, 4, 64, ValueMode.DISTINCT, ClientTransport.NETTY);
        TreeResult zk = new TreeResult(1_000, 5_000, 10_000_000, 10_500_000, new NewestSnapshot(0x3e8, 150_000),
                "the newest file", 450_000, "every file",
                List.of(new TreeResult.SnapshotFile("version-2/snapshot.3e8", 150_000)), 900);
        TreeResult chorus = new TreeResult(1_000, 10_000, 8_000_000, 8_250_000, null, "mntr", -1, "the store",
                List.of(), 450);

        String report = TreeReport.render(spec, List.of(ServerOutcome.succeeded("ZooKeeper", zk),
                ServerOutcome.succeeded("Chorus", chorus)));

        assertThat(report).contains("## Tree: 1,000 znodes of 100 bytes (distinct values) under 10 parents;"
                + " 4 sessions, 64 creates in flight, netty client socket");
        assertThat(report).containsPattern("\\| bulk create \\(znodes/s\\) +\\| +5,000 \\| +10,000 \\| +2\\.00 \\|");
        assertThat(report).containsPattern("\\| heap per znode after full GC \\(bytes\\) +\\| +500\\.0 \\| +250\\.0 \\| +0\\.50 \\|");
        assertThat(report).containsPattern("\\| newest snapshot \\(bytes\\) +\\| +150,000 \\| +- \\| +- \\|");
        assertThat(report).as("150,000 bytes over the 1,000 txns of zxid 0x3e8")
                .containsPattern("\\| newest snapshot per txn it covers \\(bytes\\) +\\| +150\\.0 \\| +- \\| +- \\|");
        assertThat(report)
                .containsPattern("\\| all snapshot files on disk \\(bytes\\) +\\| +450,000 \\| +- \\| +- \\|");
        assertThat(report).contains(
                "ZooKeeper newest snapshot = the newest file (150,000 bytes at zxid 0x3e8); all snapshot files = every"
                        + " file; files, newest first: version-2/snapshot.3e8 (150,000 bytes)",
                "Chorus newest snapshot = mntr (none); all snapshot files = the store; files, newest first: none");
    }

    @Test
    void treeReportSaysWhenEveryNodeSharesOneValue() {
        TreeSpec spec = new TreeSpec(1_000, 10, 100, 4, 64, ValueMode.SAME, ClientTransport.NETTY);
        assertThat(TreeReport.render(spec, List.of(ServerOutcome.failed("Chorus", "gone"))))
                .contains("znodes of 100 bytes (same values)", "Chorus failed: gone");
    }

    @Test
    void outcomesHoldExactlyOneOfResultAndFailure() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ServerOutcome<>("x", "result", "failure"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ServerOutcome<>("x", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
