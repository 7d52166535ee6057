package io.chorus.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ServerRotationTest {
    private static final InetSocketAddress A = InetSocketAddress.createUnresolved("a", 1);
    private static final InetSocketAddress B = InetSocketAddress.createUnresolved("b", 1);
    private static final InetSocketAddress C = InetSocketAddress.createUnresolved("c", 1);

    @Test
    void serversAreTriedInTurn() {
        ServerRotation rotation = new ServerRotation(List.of(A, B, C), 10, 1_000, new SplittableRandom(1));

        assertThat(List.of(rotation.next(), rotation.next(), rotation.next(), rotation.next()))
                .containsExactly(A, B, C, A);
    }

    @Test
    void eachServerGetsAPromptAttemptPerRoundAndRoundsBackOff() {
        ServerRotation rotation = new ServerRotation(List.of(A, B, C), 10, 1_000, new SplittableRandom(1));

        assertThat(rotation.pauseMillis(0)).isZero();
        assertThat(rotation.pauseMillis(1)).isZero();
        assertThat(rotation.pauseMillis(2)).isZero();
        assertThat(rotation.pauseMillis(3)).as("after one failed round").isBetween(5L, 10L);
        assertThat(rotation.pauseMillis(4)).isZero();
        assertThat(rotation.pauseMillis(6)).as("after two").isBetween(10L, 20L);
        assertThat(rotation.pauseMillis(9)).as("after three").isBetween(20L, 40L);
    }

    @Test
    void thePauseNeverExceedsTheMaximum() {
        ServerRotation rotation = new ServerRotation(List.of(A), 10, 1_000, new SplittableRandom(7));

        for (int failed = 1; failed < 200; failed++) {
            assertThat(rotation.pauseMillis(failed)).isBetween(5L, 1_000L);
        }
        assertThat(rotation.pauseMillis(Integer.MAX_VALUE)).isBetween(500L, 1_000L);
    }
}
