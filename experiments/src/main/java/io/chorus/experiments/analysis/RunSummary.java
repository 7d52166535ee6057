package io.chorus.experiments.analysis;

import io.chorus.experiments.run.RunRecord;
import io.chorus.experiments.run.RunSpec;
import io.chorus.testkit.zk.TimedOp;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The numbers of one run, over the operations invoked in its measured window: throughput, latency percentiles
 * (HdrHistogram, milliseconds), staleness in zxids, visibility delay and the fraction of reads that violate
 * linearizability. NaN where a run has nothing to measure (no reads, or a mode the build does not serve).
 * The staleness histogram (zxids behind, per read) is kept for the distribution plots; the CSV has the rest.
 */
public record RunSummary(RunSpec spec, long reads, long writes, long failedReads, long failedWrites,
        double opsPerSecond, double readsPerSecond, double readP50Millis, double readP99Millis,
        double readP999Millis, double writeP50Millis, double writeP99Millis, double staleFraction,
        double stalenessMean, long stalenessP99, long stalenessMax, double visibilityP50Millis,
        double visibilityP99Millis, double violationFraction, long violations, String unsupported,
        Histogram stalenessHistogram) {

    /** Latencies up to an hour, three significant digits. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    public static RunSummary of(RunRecord record) {
        List<TimedOp> window = inWindow(record);
        Histogram readLatency = new Histogram(HIGHEST_MICROS, 3);
        Histogram writeLatency = new Histogram(HIGHEST_MICROS, 3);
        long reads = 0;
        long writes = 0;
        long failedReads = 0;
        long failedWrites = 0;
        for (TimedOp op : window) {
            if (op.write()) {
                writes++;
                if (op.ok()) {
                    writeLatency.recordValue(Math.max(0, op.latencyMicros()));
                } else {
                    failedWrites++;
                }
            } else {
                reads++;
                if (op.ok()) {
                    readLatency.recordValue(Math.max(0, op.latencyMicros()));
                } else {
                    failedReads++;
                }
            }
        }
        double seconds = record.windowSeconds();
        // staleness and violations take the whole record, so a read near the window's start knows the writes before it
        List<TimedOp> allReads = Staleness.reads(record.ops());
        long[] behind = Staleness.behind(record.ops());
        boolean[] violating = RealTimeReadChecker.violations(record.ops());
        Histogram staleness = new Histogram(3);
        long stale = 0;
        long violations = 0;
        long measured = 0;
        for (int i = 0; i < allReads.size(); i++) {
            if (!inWindow(record, allReads.get(i))) {
                continue;
            }
            measured++;
            staleness.recordValue(behind[i]);
            if (behind[i] > 0) {
                stale++;
            }
            if (violating[i]) {
                violations++;
            }
        }
        Histogram visibility = new Histogram(HIGHEST_MICROS, 3);
        for (long delay : VisibilityDelay.of(window).delaysMicros()) {
            visibility.recordValue(delay);
        }
        double nan = Double.NaN;
        return new RunSummary(record.spec(), reads, writes, failedReads, failedWrites,
                (readLatency.getTotalCount() + writeLatency.getTotalCount()) / seconds,
                readLatency.getTotalCount() / seconds,
                millis(readLatency, 50), millis(readLatency, 99), millis(readLatency, 99.9),
                millis(writeLatency, 50), millis(writeLatency, 99),
                measured == 0 ? nan : (double) stale / measured,
                measured == 0 ? nan : staleness.getMean(),
                staleness.getValueAtPercentile(99), staleness.getMaxValue(),
                millis(visibility, 50), millis(visibility, 99),
                measured == 0 ? nan : (double) violations / measured, violations, record.unsupported(), staleness);
    }

    /** The operations invoked in the measured window. */
    public static List<TimedOp> inWindow(RunRecord record) {
        return record.ops().stream().filter(op -> inWindow(record, op)).toList();
    }

    private static boolean inWindow(RunRecord record, TimedOp op) {
        return op.invokedMicros() >= record.windowStartMicros() && op.invokedMicros() < record.windowEndMicros();
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    public boolean measured() {
        return unsupported == null;
    }
}
