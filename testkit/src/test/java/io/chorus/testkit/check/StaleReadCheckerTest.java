package io.chorus.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.ReadConsistency;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaleReadCheckerTest {
    private static final long Z1 = 0x100000001L;
    private static final long Z2 = 0x100000002L;
    private static final long Z3 = 0x100000003L;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** /a created at Z1 and set at Z2 (acknowledged at 20 ms); a multi checks /a and sets /b at Z3. */
    private static HistoryRecorder writes() {
        HistoryRecorder rec = new HistoryRecorder();
        long create = rec.invoke(1, 0x101, Invocation.create("/a", b("x"), CreateMode.PERSISTENT), 0);
        rec.reply(create, 5, Code.OK, Z1, Result.created("/a", null));
        long set = rec.invoke(1, 0x101, Invocation.setData("/a", b("y"), -1), 10);
        rec.reply(set, 20, Code.OK, Z2, Result.none());
        long multi = rec.invoke(1, 0x101, Invocation.multi(List.of(new Op.Check("/a", 1),
                new Op.SetData("/b", b("z"), -1))), 30);
        rec.reply(multi, 40, Code.OK, Z3, Result.none());
        return rec;
    }

    private static long read(HistoryRecorder rec, ReadConsistency c, long invoked, long servedZxid) {
        long id = rec.invoke(2, 0x102, Invocation.getData("/a").withConsistency(c), invoked);
        rec.reply(id, invoked + 1, Code.OK, servedZxid, Result.data(b("?"), null));
        return id;
    }

    @Test
    void aReadServedBeforeAWriteAcknowledgedEarlierIsStaleAndOnlyLinearizableAndLeaderOnesFail() {
        HistoryRecorder rec = writes();
        read(rec, ReadConsistency.LOCAL, 25, Z1); // stale: Z2 was acknowledged at 20
        read(rec, ReadConsistency.LOCAL, 15, Z1); // concurrent with the write: not stale
        read(rec, ReadConsistency.SYNC, 50, Z3); // the multi only checked /a: nothing newer
        read(rec, ReadConsistency.LEADER, 50, Z2);
        StaleReadChecker checker = new StaleReadChecker();
        History history = rec.build(3, true);

        Map<ReadConsistency, StaleReadChecker.Counts> counts = checker.count(history);
        assertThat(counts.get(ReadConsistency.LOCAL)).isEqualTo(new StaleReadChecker.Counts(2, 1));
        assertThat(counts.get(ReadConsistency.SYNC)).isEqualTo(new StaleReadChecker.Counts(1, 0));
        assertThat(counts.get(ReadConsistency.LEADER)).isEqualTo(new StaleReadChecker.Counts(1, 0));
        assertThat(checker.check(history).verdict()).as("a stale LOCAL read is allowed").isEqualTo(Verdict.PASS);

        read(rec, ReadConsistency.LINEARIZABLE, 60, Z1);
        read(rec, ReadConsistency.LEADER, 70, Z1);
        CheckResult result = checker.check(rec.build(3, true));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).contains("[lin]").contains("before the write 0x100000002");
        assertThat(result.problems().get(1)).contains("[leader]").contains("before the write 0x100000002");
    }
}
