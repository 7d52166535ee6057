package io.chorus.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionTrackerTest {
    private final SessionTracker tracker = new SessionTracker();

    @Test
    void sessionExpiresOnlyAfterItsTimeoutWithoutATouch() {
        tracker.add(1, 1000, 0);
        assertThat(tracker.expire(999)).isEmpty();
        assertThat(tracker.touch(1, 900)).isTrue();
        assertThat(tracker.expire(1500)).isEmpty();
        assertThat(tracker.expire(1900)).containsExactly(1L);
    }

    @Test
    void expiredSessionIsReportedOnceAndNoLongerTouched() {
        tracker.add(1, 100, 0);
        assertThat(tracker.expire(100)).containsExactly(1L);
        assertThat(tracker.expire(500)).isEmpty();
        assertThat(tracker.touch(1, 500)).isFalse();
        assertThat(tracker.isClosing(1)).isTrue();
    }

    @Test
    void removedSessionIsGone() {
        tracker.add(1, 100, 0);
        tracker.remove(1);
        assertThat(tracker.contains(1)).isFalse();
        assertThat(tracker.touch(1, 0)).isFalse();
        assertThat(tracker.expire(1000)).isEmpty();
    }
}
