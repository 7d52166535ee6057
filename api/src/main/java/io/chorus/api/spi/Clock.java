package io.chorus.api.spi;

/** The time source every component is given instead of reading the system clock. */
public interface Clock {
    /** Wall-clock milliseconds since the epoch (stamped into transactions). */
    long millis();

    /** Monotonic nanoseconds, for timeouts. */
    long nanos();

    Clock SYSTEM = new Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }
    };
}
