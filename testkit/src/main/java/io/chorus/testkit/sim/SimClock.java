package io.chorus.testkit.sim;

import io.chorus.api.spi.Clock;

/**
 * The {@link Clock} nodes are given: virtual time from the {@link EventQueue}. Wall-clock millis start at a
 * fixed instant so that transaction timestamps look plausible and are the same on every run; a paused node
 * sees time jump when it resumes, as a process stalled by GC would.
 */
public final class SimClock implements Clock {
    /** 2023-11-14T22:13:20Z: any fixed instant will do, as long as it never changes between runs. */
    public static final long EPOCH_WALL_MILLIS = 1_700_000_000_000L;

    private final EventQueue queue;

    public SimClock(EventQueue queue) {
        this.queue = queue;
    }

    @Override
    public long millis() {
        return EPOCH_WALL_MILLIS + queue.now();
    }

    @Override
    public long nanos() {
        return queue.now() * 1_000_000L;
    }
}
