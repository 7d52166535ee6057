package io.chorus.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The follower-to-leader report of live sessions: what goes in comes out once, and garbage is named. */
class SessionTouchesTest {
    @Test
    void aReportHoldsEachTouchedSessionOnceAndStartsTheNextEmpty() {
        SessionTouches touches = new SessionTouches();
        touches.touched(0x10);
        touches.touched(0x20);
        touches.touched(0x10);

        assertThat(SessionTouches.read(touches.takeReport())).containsExactly(0x10L, 0x20L);
        assertThat(touches.isEmpty()).isTrue();
        assertThat(SessionTouches.read(touches.takeReport())).isEmpty();
    }

    @Test
    void malformedReportsAreRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> SessionTouches.read(new byte[] {7, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown session-touch report format 7");
        assertThatThrownBy(() -> SessionTouches.read(new byte[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> SessionTouches.read(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        byte[] claimsTwo = ByteBuffer.allocate(1 + 4 + 8).put((byte) 1).putInt(2).putLong(5).array();
        assertThatThrownBy(() -> SessionTouches.read(claimsTwo))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claims 2 ids in 8 bytes");
        byte[] huge = ByteBuffer.allocate(5).put((byte) 1).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> SessionTouches.read(huge))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claims 2147483647 ids");
    }
}
