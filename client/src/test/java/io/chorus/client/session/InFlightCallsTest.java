package io.chorus.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.client.call.Call;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {
    private final InFlightCalls inFlight = new InFlightCalls();
    private final Call<Void> first = call();
    private final Call<Void> second = call();

    @Test
    void aReplyMustAnswerTheOldestCall() {
        inFlight.add(1, first);
        inFlight.add(2, second);

        assertThat(inFlight.takeAnswered(2)).as("out of order").isNull();
        assertThat(inFlight.size()).as("nothing taken").isEqualTo(2);
        assertThat(inFlight.expectedXid()).isEqualTo(1);
        assertThat(inFlight.takeAnswered(1)).isSameAs(first);
        assertThat(inFlight.takeAnswered(2)).isSameAs(second);
        assertThat(inFlight.takeAnswered(3)).as("nothing in flight").isNull();
    }

    @Test
    void drainingReturnsEveryCallOldestFirst() {
        inFlight.add(-8, first);
        inFlight.add(7, second);

        assertThat(inFlight.drain()).containsExactly(first, second);
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void aTimedOutCallCanBeTakenOutOfTheMiddle() {
        inFlight.add(1, first);
        inFlight.add(2, second);

        assertThat(inFlight.remove(first)).isTrue();

        assertThat(inFlight.contains(first)).isFalse();
        assertThat(inFlight.takeAnswered(2)).isSameAs(second);
    }

    @Test
    void xidsMustFollowOneAnother() {
        inFlight.add(5, first);
        inFlight.add(-8, second);
        inFlight.add(6, second);

        assertThatThrownBy(() -> inFlight.add(8, first)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> inFlight.add(6, first)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void xidsWrapToOneAfterTheLargestInt() {
        inFlight.add(Integer.MAX_VALUE, first);
        inFlight.add(1, second);

        assertThat(inFlight.size()).isEqualTo(2);
    }

    private static Call<Void> call() {
        return new Call<>(4, new byte[0], "/x", (code, in) -> null);
    }
}
