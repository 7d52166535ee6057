package io.chorus.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunWindowTest {
    private final RunWindow window = new RunWindow(1_000, 2_000, 5_000);

    @Test
    void measuresFromTheEndOfWarmUpUpToButExcludingTheEnd() {
        assertThat(window.isMeasured(1_999)).isFalse();
        assertThat(window.isMeasured(2_000)).isTrue();
        assertThat(window.isMeasured(4_999)).isTrue();
        assertThat(window.isMeasured(5_000)).isFalse();
    }

    @Test
    void isOverFromItsEnd() {
        assertThat(window.isOver(4_999)).isFalse();
        assertThat(window.isOver(5_000)).isTrue();
    }

    @Test
    void survivesNanoTimeWrapping() {
        RunWindow wrapping = new RunWindow(Long.MAX_VALUE - 10, Long.MAX_VALUE - 5, Long.MAX_VALUE + 5);
        assertThat(wrapping.isMeasured(Long.MAX_VALUE)).isTrue();
        assertThat(wrapping.isMeasured(Long.MIN_VALUE + 2)).isTrue();
        assertThat(wrapping.isOver(Long.MIN_VALUE + 4)).isTrue();
    }

    @Test
    void refusesAnEmptyMeasuredWindow() {
        assertThatThrownBy(() -> new RunWindow(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
