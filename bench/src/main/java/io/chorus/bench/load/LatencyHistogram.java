package io.chorus.bench.load;

import org.HdrHistogram.Histogram;

/** The latency histogram every load run records into: microseconds, 3 significant digits, up to a minute. */
final class LatencyHistogram {
    /** Latencies above this are recorded as this; a minute-long request means the run is broken anyway. */
    static final long HIGHEST_MICROS = 60_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    private LatencyHistogram() {
    }

    static Histogram create() {
        return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    static void record(Histogram histogram, long latencyNanos) {
        histogram.recordValue(Math.min(Math.max(latencyNanos / 1_000, 0), HIGHEST_MICROS));
    }
}
