package io.chorus.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.ReadConsistency;
import io.chorus.experiments.analysis.RealTimeReadChecker;
import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.analysis.Staleness;
import io.chorus.testkit.zk.TimedOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of the simulated runs that hold for every seed (the runs are deterministic, so none is flaky). */
class SimReadModeRunTest {
    private static RunSpec spec(ReadConsistency mode, FollowerLag lag) {
        return new RunSpec("sim", "zab", 3, 90, mode, lag, 6, 1_500, 11);
    }

    @Test
    void theSameSpecGivesTheSameOperations() {
        RunSpec spec = spec(ReadConsistency.LOCAL, FollowerLag.SLOW_FOLLOWER);
        assertThat(SimReadModeRun.run(spec).ops()).isEqualTo(SimReadModeRun.run(spec).ops());
    }

    @Test
    void localReadsThroughASlowFollowerAreStale() {
        RunRecord record = SimReadModeRun.run(spec(ReadConsistency.LOCAL, FollowerLag.SLOW_FOLLOWER));
        int slow = follower(record);
        List<TimedOp> reads = Staleness.reads(record.ops());
        long[] behind = Staleness.behind(record.ops());
        long staleThroughSlow = 0;
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).server() == slow && behind[i] > 0) {
                staleThroughSlow++;
            }
        }
        assertThat(staleThroughSlow).isPositive();
    }

    @Test
    void localReadsThroughAPartitionedFollowerAreStaleUntilItStopsServing() {
        RunRecord record = SimReadModeRun.run(spec(ReadConsistency.LOCAL, FollowerLag.PARTITIONED_HEALED));
        long cut = record.markers().stream().filter(m -> m.label().contains("partitioned")).findFirst().orElseThrow()
                .atMicros();
        int partitioned = follower(record);
        List<TimedOp> reads = Staleness.reads(record.ops());
        long[] behind = Staleness.behind(record.ops());
        boolean staleAfterCut = false;
        for (int i = 0; i < reads.size(); i++) {
            TimedOp read = reads.get(i);
            staleAfterCut |= read.server() == partitioned && read.invokedMicros() > cut && behind[i] > 0;
        }
        assertThat(staleAfterCut).isTrue();
    }

    @Test
    void syncReadsNeverViolateWhenNoLeaderIsDeposed() {
        RunRecord record = SimReadModeRun.run(spec(ReadConsistency.SYNC, FollowerLag.SLOW_FOLLOWER));
        assertThat(RealTimeReadChecker.violations(record.ops())).doesNotContain(true);
        assertThat(RunSummary.of(record).reads()).isPositive();
    }

    /** LINEARIZABLE reads never violate, and are never stale at invocation, whatever lags. */
    @Test
    void linearizableReadsNeverViolate() {
        for (FollowerLag lag : FollowerLag.values()) {
            RunRecord record = SimReadModeRun.run(spec(ReadConsistency.LINEARIZABLE, lag));
            assertThat(record.unsupported()).as(lag.label()).isNull();
            assertThat(RunSummary.of(record).reads()).as(lag.label()).isPositive();
            assertThat(RealTimeReadChecker.violations(record.ops())).as(lag.label()).doesNotContain(true);
            assertThat(Staleness.behind(record.ops())).as(lag.label()).containsOnly(0L);
        }
    }

    @Test
    void aCrashedLeaderStopsWritesUntilANewOneIsElected() {
        RunSpec spec = new RunSpec("sim", "zab", 3, 90, ReadConsistency.LOCAL, FollowerLag.NONE, 8, 2_000, 3);
        RunRecord record = SimReadModeRun.runFailover(spec, List.of(ReadConsistency.values()));
        assertThat(record.markers()).extracting(RunRecord.Marker::label)
                .anyMatch(label -> label.contains("crashed")).anyMatch(label -> label.contains("restarted"));
        long crash = record.markers().get(0).atMicros();
        assertThat(record.ops()).anyMatch(op -> op.write() && op.ok() && op.invokedMicros() > crash);
    }

    /** The follower the run lagged: named in its first marker. */
    private static int follower(RunRecord record) {
        String label = record.markers().get(0).label();
        return Integer.parseInt(label.replaceAll("^follower (\\d+).*$", "$1"));
    }
}
