package io.chorus.bench.load;

/**
 * The timeline of one workload in {@link System#nanoTime()} terms: warm-up from start, then the measured
 * window; nothing is issued once the window has ended. Comparisons use differences, as nanoTime requires.
 */
record RunWindow(long startNanos, long measureStartNanos, long measureEndNanos) {
    RunWindow {
        if (measureStartNanos - startNanos < 0 || measureEndNanos - measureStartNanos <= 0) {
            throw new IllegalArgumentException("window out of order");
        }
    }

    static RunWindow startingNow(long warmupMillis, long measuredMillis) {
        long start = System.nanoTime();
        long measureStart = start + warmupMillis * 1_000_000L;
        return new RunWindow(start, measureStart, measureStart + measuredMillis * 1_000_000L);
    }

    boolean isMeasured(long nanos) {
        return nanos - measureStartNanos >= 0 && nanos - measureEndNanos < 0;
    }

    boolean isOver(long nanos) {
        return nanos - measureEndNanos >= 0;
    }
}
