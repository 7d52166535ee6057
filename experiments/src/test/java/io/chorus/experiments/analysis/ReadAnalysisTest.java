package io.chorus.experiments.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.ReadConsistency;
import io.chorus.testkit.zk.TimedOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadAnalysisTest {
    private static TimedOp write(String key, long invoked, long answered, long zxid) {
        return new TimedOp(1, 1, true, null, key, invoked, answered, 0, zxid, zxid);
    }

    private static TimedOp read(int server, String key, long invoked, long answered, long served, long mzxid) {
        return new TimedOp(2, server, false, ReadConsistency.LOCAL, key, invoked, answered, 0, served, mzxid);
    }

    @Test
    void aReadIsBehindByTheWritesAcknowledgedBeforeItThatItsStateMisses() {
        List<TimedOp> ops = List.of(
                write("/a", 0, 10, 5),
                write("/b", 0, 20, 6),
                write("/a", 30, 40, 7),
                read(2, "/a", 25, 26, 5, 5),   // misses zxid 6, acknowledged before it: 1 behind
                read(2, "/a", 15, 16, 4, 4),   // misses 5 (acknowledged at 10); 6 was not yet acknowledged
                read(3, "/a", 50, 51, 7, 7));  // sees everything
        assertThat(Staleness.behind(ops)).containsExactly(1, 1, 0);
    }

    @Test
    void writesAcknowledgedAfterTheInvocationDoNotMakeAReadStale() {
        List<TimedOp> ops = List.of(write("/a", 0, 100, 9), read(1, "/a", 50, 60, 3, 3));
        assertThat(Staleness.behind(ops)).containsExactly(0);
        assertThat(RealTimeReadChecker.violations(ops)).containsExactly(false);
    }

    @Test
    void aReadOfASupersededValueViolatesAndAConcurrentOneDoesNot() {
        List<TimedOp> ops = List.of(
                write("/a", 0, 10, 5),
                read(1, "/a", 11, 12, 5, 4),   // value 4 superseded by 5, acknowledged before: violation
                read(1, "/a", 5, 12, 5, 4),    // concurrent with the write: fine
                read(1, "/b", 11, 12, 5, 2));  // another key: fine
        assertThat(RealTimeReadChecker.violations(ops)).containsExactly(true, false, false);
    }

    @Test
    void aReadOlderThanAReadAnsweredBeforeItViolates() {
        List<TimedOp> ops = List.of(read(1, "/a", 0, 10, 8, 8), read(2, "/a", 20, 30, 6, 6));
        assertThat(RealTimeReadChecker.violations(ops)).containsExactly(false, true);
    }

    @Test
    void visibilityIsFromTheAcknowledgementToTheFirstReflectingReadPerServer() {
        List<TimedOp> ops = List.of(
                write("/a", 0, 100, 5),
                read(1, "/a", 90, 95, 5, 5),    // server 1 reflected it before the ack: 0
                read(2, "/a", 110, 130, 4, 4),
                read(2, "/a", 140, 160, 5, 5),  // server 2: 60 after the ack
                read(3, "/a", 110, 120, 4, 4)); // server 3 never reflects it
        VisibilityDelay.Result result = VisibilityDelay.of(ops);
        assertThat(result.delaysMicros()).containsExactlyInAnyOrder(0, 60);
        assertThat(result.unobserved()).isEqualTo(1);
    }

    @Test
    void unansweredAndFailedOperationsAreNotMeasured() {
        List<TimedOp> ops = List.of(
                new TimedOp(1, 1, true, null, "/a", 0, TimedOp.UNANSWERED, -4, 0, 0),
                new TimedOp(1, 1, false, ReadConsistency.SYNC, "/a", 0, 5, -6, 0, 0),
                read(1, "/a", 1, 2, 1, 1));
        assertThat(Staleness.reads(ops)).hasSize(1);
        assertThat(Staleness.behind(ops)).containsExactly(0);
    }
}
