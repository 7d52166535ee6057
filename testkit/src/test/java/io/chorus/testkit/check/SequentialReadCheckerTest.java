package io.chorus.testkit.check;

import static io.chorus.testkit.check.Ops.b;
import static io.chorus.testkit.check.Ops.err;
import static io.chorus.testkit.check.Ops.lost;
import static io.chorus.testkit.check.Ops.ok;
import static io.chorus.testkit.check.Ops.stat;
import static io.chorus.testkit.check.Ops.z;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialReadCheckerTest {
    private static final ClientOp CREATE = ok(1, 1, Invocation.create("/a", b("x"), CreateMode.PERSISTENT), 0, 10, z(1));
    private static final ClientOp SET = ok(2, 1, Invocation.setData("/a", b("y"), -1), 20, 30, z(2),
            Result.stat(stat(1, z(1), z(2))));

    private static CheckResult check(ClientOp... ops) {
        List<ClientOp> all = new ArrayList<>(List.of(CREATE, SET));
        all.addAll(List.of(ops));
        return new SequentialReadChecker().check(History.ofOps(all));
    }

    private static ClientOp readAt(long id, long zxid, String data, int version, long mzxid) {
        return ok(id, 2, Invocation.getData("/a"), 40, 50, zxid, Result.data(b(data), stat(version, z(1), mzxid)));
    }

    @Test
    void acceptsUpToDateRead() {
        assertThat(check(readAt(3, z(2), "y", 1, z(2))).passed()).isTrue();
    }

    @Test
    void acceptsLaggingReplicaShowingItsOwnPast() {
        assertThat(check(readAt(3, z(1), "x", 0, z(1))).passed()).isTrue();
    }

    @Test
    void rejectsReadShowingTheFuture() {
        assertThat(check(readAt(3, z(1), "y", 1, z(2))).problems()).singleElement().asString().contains("later change");
    }

    @Test
    void rejectsReadMissingAWriteAtOrBeforeItsZxid() {
        CheckResult r = check(readAt(3, z(3), "x", 0, z(1)));
        assertThat(r.failed()).isTrue();
        assertThat(r.problems()).singleElement().asString().contains("stale", "op#3", "op#2");
    }

    @Test
    void rejectsDataThatIsNotTheNamedWrite() {
        assertThat(check(readAt(3, z(2), "other", 1, z(2))).problems()).singleElement().asString()
                .contains("does not show the write it names");
    }

    @Test
    void rejectsNoNodeAfterACreateWithoutDelete() {
        assertThat(check(err(3, 2, Invocation.exists("/a"), 40, 50, Code.NONODE, z(2))).failed()).isTrue();
    }

    @Test
    void acceptsNoNodeAfterADelete() {
        assertThat(check(ok(3, 1, Invocation.delete("/a", -1), 40, 50, z(3)),
                err(4, 2, Invocation.exists("/a"), 60, 70, Code.NONODE, z(3))).passed()).isTrue();
    }

    @Test
    void acceptsNoNodeExplainedByAnUnansweredDelete() {
        assertThat(check(lost(3, 1, Invocation.delete("/a", -1), 40),
                err(4, 2, Invocation.exists("/a"), 60, 70, Code.NONODE, z(3))).passed()).isTrue();
    }

    @Test
    void acceptsEphemeralGoneWithItsSession() {
        History h = History.ofOps(List.of(ok(1, 1, Invocation.create("/e", b("e"), CreateMode.EPHEMERAL), 0, 10, z(1)),
                lost(2, 1, Invocation.closeSession(), 20), err(3, 2, Invocation.getData("/e"), 40, 50, Code.NONODE, z(2))));
        assertThat(new SequentialReadChecker().check(h).passed()).isTrue();
    }
}
