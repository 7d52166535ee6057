package io.chorus.server.pipeline;

import io.chorus.api.spi.Clock;
import java.util.function.LongSupplier;

/** A clock for pipeline tests that reads the test's own time, in milliseconds, for both millis and nanos. */
final class TestClock implements Clock {
    private final LongSupplier millis;

    TestClock(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public long millis() {
        return millis.getAsLong();
    }

    @Override
    public long nanos() {
        return millis.getAsLong() * 1_000_000;
    }
}
