package io.chorus.testkit.check;

import static io.chorus.testkit.check.Ops.b;
import static io.chorus.testkit.check.Ops.ok;
import static io.chorus.testkit.check.Ops.session;
import static io.chorus.testkit.check.Ops.z;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchOrderCheckerTest {
    private static CheckResult check(List<ClientOp> ops, Notification... notifications) {
        return new WatchOrderChecker().check(new History(ops, List.of(notifications), List.of(), 0, false));
    }

    private static Notification changed(String path, EventType type, long zxid, long seq) {
        return new Notification(1, session(1), path, type, zxid, seq, seq);
    }

    @Test
    void acceptsNotificationBeforeTheNewState() {
        assertThat(check(List.of(ok(1, 1, Invocation.getData("/a"), 20, 30, z(2))),
                changed("/a", EventType.NODE_DATA_CHANGED, z(2), 25)).passed()).isTrue();
    }

    @Test
    void acceptsOlderStateBeforeTheNotification() {
        assertThat(check(List.of(ok(1, 1, Invocation.getData("/a"), 20, 22, z(1))),
                changed("/a", EventType.NODE_DATA_CHANGED, z(2), 25)).passed()).isTrue();
    }

    @Test
    void acceptsRepliesAboutOtherPaths() {
        assertThat(check(List.of(ok(1, 1, Invocation.getData("/b"), 20, 22, z(3))),
                changed("/a", EventType.NODE_DATA_CHANGED, z(2), 25)).passed()).isTrue();
    }

    @Test
    void rejectsNewStateBeforeTheNotification() {
        CheckResult r = check(List.of(ok(1, 1, Invocation.getData("/a"), 20, 22, z(2))),
                changed("/a", EventType.NODE_DATA_CHANGED, z(2), 25));
        assertThat(r.failed()).isTrue();
        assertThat(r.problems()).singleElement().asString().contains("op#1", "NODE_DATA_CHANGED /a");
    }

    @Test
    void rejectsOwnWriteReplyBeforeItsNotification() {
        assertThat(check(List.of(ok(1, 1, Invocation.setData("/a", b("x"), -1), 20, 22, z(2))),
                changed("/a", EventType.NODE_DATA_CHANGED, z(2), 25)).failed()).isTrue();
    }

    @Test
    void rejectsChildCreatedSeenBeforeTheChildrenEvent() {
        assertThat(check(List.of(ok(1, 1, Invocation.create("/p/c", b(""), CreateMode.PERSISTENT), 20, 22, z(3))),
                changed("/p", EventType.NODE_CHILDREN_CHANGED, z(3), 25)).failed()).isTrue();
    }
}
