package io.chorus.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one workload measured against one server.
 *
 * @param workload         the workload run
 * @param measuredOps      requests that succeeded inside the measured window (the histogram's count)
 * @param succeededOps     requests that succeeded at any time, warm-up and drain included
 * @param errors           requests that failed at any time
 * @param measuredNanos    length of the measured window (shorter when the request budget ran out first)
 * @param latencyMicros    latencies of the measured requests, in microseconds
 * @param firstError       the first failed request ("path: CODE"), or null when none failed
 */
public record LoadResult(
        Workload workload,
        long measuredOps,
        long succeededOps,
        long errors,
        long measuredNanos,
        Histogram latencyMicros,
        String firstError) {

    public LoadResult {
        if (measuredOps != latencyMicros.getTotalCount()) {
            throw new IllegalArgumentException("measuredOps " + measuredOps + " but histogram holds "
                    + latencyMicros.getTotalCount());
        }
        if (measuredOps > succeededOps) {
            throw new IllegalArgumentException("more measured than succeeded: " + measuredOps + " > " + succeededOps);
        }
    }

    /** Completed requests per second over the measured window; 0 when nothing was measured. */
    public double throughputPerSecond() {
        return measuredNanos <= 0 ? 0 : measuredOps * 1e9 / measuredNanos;
    }

    /** The latency at {@code percentile} (e.g. 99.9) in microseconds; 0 when nothing was measured. */
    public long percentileMicros(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile);
    }

    public long maxMicros() {
        return latencyMicros.getMaxValue();
    }
}
