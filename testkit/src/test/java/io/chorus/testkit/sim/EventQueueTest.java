package io.chorus.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    @Test
    void runsByTimeThenBySchedulingOrder() {
        EventQueue queue = new EventQueue();
        List<String> ran = new ArrayList<>();
        queue.at(20, () -> ran.add("b@20"));
        queue.at(10, () -> ran.add("a@10"));
        queue.at(20, () -> ran.add("c@20"));
        queue.at(10, () -> queue.after(0, () -> ran.add("d@10, scheduled while running")));
        queue.runUntil(100);
        assertThat(ran).containsExactly("a@10", "d@10, scheduled while running", "b@20", "c@20");
        assertThat(queue.now()).isEqualTo(100);
    }

    @Test
    void leavesLaterEventsAndStopsTheClockAtTheLimit() {
        EventQueue queue = new EventQueue();
        List<Long> ranAt = new ArrayList<>();
        queue.at(5, () -> ranAt.add(queue.now()));
        queue.at(50, () -> ranAt.add(queue.now()));
        queue.runUntil(30);
        assertThat(ranAt).containsExactly(5L);
        assertThat(queue.now()).isEqualTo(30);
        assertThat(queue.pending()).isEqualTo(1);
        queue.runUntil(50);
        assertThat(ranAt).containsExactly(5L, 50L);
    }

    @Test
    void refusesThePast() {
        EventQueue queue = new EventQueue();
        queue.runUntil(10);
        assertThatThrownBy(() -> queue.at(9, () -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.after(-1, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
