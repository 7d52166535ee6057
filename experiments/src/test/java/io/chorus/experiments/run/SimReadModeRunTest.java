package io.chorus.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.experiments.analysis.FailoverSummary;
import io.chorus.experiments.analysis.RealTimeReadChecker;
import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.analysis.Staleness;
import io.chorus.testkit.zk.TimedOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of the simulated runs that hold for every seed (the runs are deterministic, so none is flaky). */
class SimReadModeRunTest {
    private static RunSpec spec(ReadMode mode, FollowerLag lag) {
        return new RunSpec("sim", "zab", 3, 90, mode, lag, 6, 1_500, 11);
    }

    @Test
    void theSameSpecGivesTheSameOperations() {
        RunSpec spec = spec(ReadMode.LOCAL, FollowerLag.SLOW_FOLLOWER);
        assertThat(SimReadModeRun.run(spec).ops()).isEqualTo(SimReadModeRun.run(spec).ops());
    }

    @Test
    void localReadsThroughASlowFollowerAreStale() {
        RunRecord record = SimReadModeRun.run(spec(ReadMode.LOCAL, FollowerLag.SLOW_FOLLOWER));
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
        RunRecord record = SimReadModeRun.run(spec(ReadMode.LOCAL, FollowerLag.PARTITIONED_HEALED));
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
        RunRecord record = SimReadModeRun.run(spec(ReadMode.SYNC, FollowerLag.SLOW_FOLLOWER));
        assertThat(RealTimeReadChecker.violations(record.ops())).doesNotContain(true);
        assertThat(RunSummary.of(record).reads()).isPositive();
    }

    /** LINEARIZABLE reads never violate, and are never stale at invocation, whatever lags. */
    @Test
    void linearizableReadsNeverViolate() {
        assertNeverViolatesNorStale(ReadMode.LINEARIZABLE);
    }

    /** The same with the leader confirming by a lease: no round per read, and still never stale. */
    @Test
    void linearizableLeaseReadsNeverViolate() {
        assertNeverViolatesNorStale(ReadMode.LINEARIZABLE_LEASE);
    }

    @Test
    void bothProtocolsConfirmByALeaseWhenTheModeSaysSo() {
        assertThat(SimReadModeRun.zabSettings(LeaderReadMode.LEASE).leaderReads()).isEqualTo(LeaderReadMode.LEASE);
        assertThat(SimReadModeRun.zabSettings(LeaderReadMode.LEASE).leaseDriftMillis())
                .isEqualTo(SimReadModeRun.LEASE_DRIFT_MILLIS);
        assertThat(SimReadModeRun.paxosSettings(LeaderReadMode.LEASE).leaderReads()).isEqualTo(LeaderReadMode.LEASE);
        assertThat(SimReadModeRun.zabSettings(LeaderReadMode.READ_INDEX).leaderReads())
                .isEqualTo(LeaderReadMode.READ_INDEX);
        assertThat(SimReadModeRun.paxosSettings(LeaderReadMode.READ_INDEX).leaderReads())
                .isEqualTo(LeaderReadMode.READ_INDEX);
        RunSpec paxos = new RunSpec("sim", "paxos-lite", 3, 90, ReadMode.LINEARIZABLE_LEASE, FollowerLag.NONE, 6,
                1_000, 11);
        RunRecord record = SimReadModeRun.run(paxos);
        assertThat(record.unsupported()).isNull();
        assertThat(RunSummary.of(record).reads()).isPositive();
        assertThat(RealTimeReadChecker.violations(record.ops())).doesNotContain(true);
        assertThat(paxos.id()).contains("-linearizable-lease-");
        assertThat(paxos.linearizableReadsSetting()).isEqualTo("lease");
    }

    @Test
    void aCrashedLeaderStopsWritesUntilANewOneIsElected() {
        RunSpec spec = new RunSpec("sim", "zab", 3, 90, ReadMode.LINEARIZABLE, FollowerLag.NONE, 8, 2_000, 3);
        RunRecord record = SimReadModeRun.runFailover(spec, List.of(ReadMode.LOCAL, ReadMode.SYNC, ReadMode.LEADER,
                ReadMode.LINEARIZABLE));
        assertThat(record.markers()).extracting(RunRecord.Marker::label)
                .anyMatch(label -> label.contains("crashed")).anyMatch(label -> label.contains("restarted"));
        long crash = record.markers().get(0).atMicros();
        assertThat(record.ops()).anyMatch(op -> op.write() && op.ok() && op.invokedMicros() > crash);
    }

    /** With a lease too the survivors elect a new leader (once their promises ran out) and its reads are served. */
    @Test
    void aCrashedLeaseLeaderIsReplacedAndItsReadsResume() {
        RunSpec spec = new RunSpec("sim", "zab", 3, 90, ReadMode.LINEARIZABLE_LEASE, FollowerLag.NONE, 8, 2_000, 3);
        RunRecord record = SimReadModeRun.runFailover(spec, List.of(ReadMode.LOCAL, ReadMode.SYNC, ReadMode.LEADER,
                ReadMode.LINEARIZABLE_LEASE));
        FailoverSummary summary = FailoverSummary.of(record);
        assertThat(summary.series()).containsKeys("writes", "LINEARIZABLE-LEASE").doesNotContainKey("LINEARIZABLE");
        assertThat(summary.series().get("writes").answeredAfterLoss()).isPositive();
        assertThat(summary.series().get("LINEARIZABLE-LEASE").answeredAfterLoss()).isPositive();
        // LOCAL reads may be stale across a failover; LINEARIZABLE ones, confirmed by a lease, never are
        List<TimedOp> reads = Staleness.reads(record.ops());
        boolean[] violating = RealTimeReadChecker.violations(record.ops());
        long[] behind = Staleness.behind(record.ops());
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).mode() == ReadConsistency.LINEARIZABLE) {
                assertThat(violating[i]).as(reads.get(i).toString()).isFalse();
                assertThat(behind[i]).as(reads.get(i).toString()).isZero();
            }
        }
    }

    @Test
    void oneEnsembleConfirmsLinearizableReadsOneWay() {
        RunSpec spec = new RunSpec("sim", "zab", 3, 90, ReadMode.LINEARIZABLE, FollowerLag.NONE, 8, 2_000, 3);
        assertThatThrownBy(() -> SimReadModeRun.runFailover(spec, List.of(ReadMode.LOCAL,
                ReadMode.LINEARIZABLE_LEASE))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readindex");
    }

    private static void assertNeverViolatesNorStale(ReadMode mode) {
        for (FollowerLag lag : FollowerLag.values()) {
            RunRecord record = SimReadModeRun.run(spec(mode, lag));
            assertThat(record.unsupported()).as(lag.label()).isNull();
            assertThat(RunSummary.of(record).reads()).as(lag.label()).isPositive();
            assertThat(RealTimeReadChecker.violations(record.ops())).as(lag.label()).doesNotContain(true);
            assertThat(Staleness.behind(record.ops())).as(lag.label()).containsOnly(0L);
        }
    }

    /** The follower the run lagged: named in its first marker. */
    private static int follower(RunRecord record) {
        String label = record.markers().get(0).label();
        return Integer.parseInt(label.replaceAll("^follower (\\d+).*$", "$1"));
    }
}
