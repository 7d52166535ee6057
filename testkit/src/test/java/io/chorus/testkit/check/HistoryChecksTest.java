package io.chorus.testkit.check;

import static io.chorus.testkit.check.Ops.b;
import static io.chorus.testkit.check.Ops.stat;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.api.spi.Zxid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorder the simulator writes into, and the standard set of checkers over a recorded run. */
class HistoryChecksTest {
    private static final long Z1 = Zxid.of(1, 1);
    private static final long Z2 = Zxid.of(1, 2);

    /** Two clients, a watch, a lost reply, three replicas, as a simulator would record them. */
    private static HistoryRecorder goodRun() {
        HistoryRecorder rec = new HistoryRecorder();
        rec.leaderEstablished(1, 0, 1);
        long create = rec.invoke(1, 0x101, Invocation.create("/a", b("x"), CreateMode.PERSISTENT), 10);
        for (int node = 1; node <= 3; node++) {
            rec.delivered(node, 12, Z1, 0xaa, 0x1111);
        }
        rec.reply(create, 14, Code.OK, Z1, Result.created("/a", stat(0, Z1, Z1)));
        long watchRead = rec.invoke(2, 0x102, Invocation.getData("/a"), 15);
        rec.reply(watchRead, 17, Code.OK, Z1, Result.data(b("x"), stat(0, Z1, Z1)));
        long set = rec.invoke(1, 0x101, Invocation.setData("/a", b("y"), 0), 20);
        for (int node = 1; node <= 3; node++) {
            rec.delivered(node, 22, Z2, 0xbb, 0x2222);
        }
        rec.reply(set, 24, Code.OK, Z2, Result.stat(stat(1, Z1, Z2)));
        rec.notification(2, 0x102, "/a", EventType.NODE_DATA_CHANGED, Z2, 25);
        long reread = rec.invoke(2, 0x102, Invocation.getData("/a").asLinearizableRead(), 26);
        rec.reply(reread, 28, Code.OK, Z2, Result.data(b("y"), stat(1, Z1, Z2)));
        rec.invoke(1, 0x101, Invocation.delete("/a", -1), 30); // the connection drops: no reply
        return rec;
    }

    @Test
    void recorderNumbersOpsAndReceiveOrder() {
        History h = goodRun().build(3, true);
        assertThat(h.ops()).extracting(ClientOp::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(h.op(5).reply()).isNull();
        assertThat(h.op(2).reply().receiveSeq()).isEqualTo(1);
        assertThat(h.notifications()).singleElement().extracting(Notification::receiveSeq).isEqualTo(2L);
        assertThat(h.op(4).reply().receiveSeq()).isEqualTo(3);
    }

    @Test
    void aGoodRunPassesEveryChecker() {
        List<CheckResult> results = HistoryChecks.standard().run(goodRun().build(3, true));
        assertThat(results).hasSize(10).allSatisfy(r -> assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.PASS));
    }

    @Test
    void aWatchArrivingLateIsCaught() {
        HistoryRecorder rec = goodRun();
        long early = rec.invoke(2, 0x102, Invocation.getData("/a"), 40);
        rec.reply(early, 41, Code.OK, Zxid.of(1, 3), Result.data(b("z"), stat(2, Z1, Zxid.of(1, 3))));
        rec.notification(2, 0x102, "/a", EventType.NODE_DATA_CHANGED, Zxid.of(1, 3), 42);
        List<CheckResult> bad = HistoryChecks.standard().violations(rec.build(3, false));
        assertThat(bad).extracting(CheckResult::checker).contains("watch-before-new-state");
    }
}
