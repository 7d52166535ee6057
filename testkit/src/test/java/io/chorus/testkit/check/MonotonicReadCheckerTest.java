package io.chorus.testkit.check;

import static io.chorus.testkit.check.Ops.b;
import static io.chorus.testkit.check.Ops.err;
import static io.chorus.testkit.check.Ops.ok;
import static io.chorus.testkit.check.Ops.z;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonotonicReadCheckerTest {
    private static CheckResult check(ClientOp... ops) {
        return new MonotonicReadChecker().check(History.ofOps(List.of(ops)));
    }

    private static Invocation read() {
        return Invocation.getData("/a");
    }

    @Test
    void acceptsNonDecreasingZxids() {
        assertThat(check(ok(1, 1, read(), 0, 10, z(1)), ok(2, 1, read(), 20, 30, z(1)),
                err(3, 1, read(), 40, 50, Code.NONODE, z(4))).passed()).isTrue();
    }

    @Test
    void acceptsOtherSessionsBeingBehind() {
        assertThat(check(ok(1, 1, read(), 0, 10, z(5)), ok(2, 2, read(), 20, 30, z(1))).passed()).isTrue();
    }

    @Test
    void ignoresRepliesMadeUpByTheClient() {
        assertThat(check(ok(1, 1, read(), 0, 10, z(5)), err(2, 1, read(), 20, 30, Code.CONNECTIONLOSS, -1),
                ok(3, 1, read(), 40, 50, z(5))).passed()).isTrue();
    }

    @Test
    void rejectsGoingBackAfterAReconnect() {
        CheckResult r = check(ok(1, 1, read(), 0, 10, z(5)), err(2, 1, read(), 20, 30, Code.CONNECTIONLOSS, -1),
                ok(3, 1, read(), 40, 50, z(3)));
        assertThat(r.failed()).isTrue();
        assertThat(r.problems()).singleElement().asString().contains("op#3", "op#1", "back in time");
    }

    @Test
    void rejectsNotReadingOwnWrite() {
        assertThat(check(ok(1, 1, Invocation.setData("/a", b("x"), -1), 0, 10, z(7)), ok(2, 1, read(), 20, 30, z(6)))
                .failed()).isTrue();
    }
}
