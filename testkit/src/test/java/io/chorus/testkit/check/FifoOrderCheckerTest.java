package io.chorus.testkit.check;

import static io.chorus.testkit.check.Ops.b;
import static io.chorus.testkit.check.Ops.lost;
import static io.chorus.testkit.check.Ops.ok;
import static io.chorus.testkit.check.Ops.z;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FifoOrderCheckerTest {
    private static CheckResult check(ClientOp... ops) {
        return new FifoOrderChecker().check(History.ofOps(List.of(ops)));
    }

    private static Invocation set(String data) {
        return Invocation.setData("/a", b(data), -1);
    }

    @Test
    void acceptsWritesInIssueOrder() {
        assertThat(check(ok(1, 1, set("a"), 0, 10, z(1)), ok(2, 1, set("b"), 5, 20, z(2)), ok(3, 1, set("c"), 6, 30, z(4)))
                .passed()).isTrue();
    }

    @Test
    void acceptsDifferentSessionsInAnyOrder() {
        assertThat(check(ok(1, 1, set("a"), 0, 10, z(2)), ok(2, 2, set("b"), 5, 20, z(1))).passed()).isTrue();
    }

    @Test
    void acceptsUnknownOutcomesInBetween() {
        assertThat(check(ok(1, 1, set("a"), 0, 10, z(1)), lost(2, 1, set("b"), 11), ok(3, 1, set("c"), 12, 30, z(3)))
                .passed()).isTrue();
    }

    @Test
    void rejectsWritesTakingEffectOutOfIssueOrder() {
        CheckResult r = check(ok(1, 1, set("a"), 0, 30, z(3)), ok(2, 1, set("b"), 5, 40, z(2)));
        assertThat(r.failed()).isTrue();
        assertThat(r.problems()).singleElement().asString().contains("op#1", "op#2", "out of issue order");
    }

    @Test
    void rejectsRepliesArrivingOutOfIssueOrder() {
        CheckResult r = check(ok(1, 1, Invocation.getData("/a"), 0, 30, z(1)), ok(2, 1, Invocation.getData("/b"), 5, 20, z(1)));
        assertThat(r.failed()).isTrue();
        assertThat(r.problems()).singleElement().asString().contains("replies arrived out of issue order");
    }
}
