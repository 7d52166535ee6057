package io.chorus.bench.ensemble;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the failover rounds against one ensemble measured: for each round, the milliseconds from the leader's
 * SIGKILL to the first write acknowledged on a session opened after it.
 *
 * @param millis          one figure per round, in round order
 * @param electedMillis   per round, the milliseconds from the kill until a survivor's {@code srvr} said leader
 * @param steadyWrites    writes the steady load got acknowledged over all rounds
 * @param phaseNanos      how long the rounds took, restarts and waits for the ensemble included
 */
public record FailoverResult(List<Double> millis, List<Double> electedMillis, long steadyWrites, long phaseNanos) {
    public FailoverResult {
        millis = List.copyOf(millis);
        electedMillis = List.copyOf(electedMillis);
        if (millis.size() != electedMillis.size()) {
            throw new IllegalArgumentException("one elected figure per round");
        }
    }

    /** Steady writes acknowledged per second over the whole failover phase. */
    public double steadyWritesPerSecond() {
        return phaseNanos <= 0 ? 0 : steadyWrites * 1e9 / phaseNanos;
    }

    /** The nearest-rank percentile of the new-leader figures. */
    public double electedPercentile(double p) {
        return percentileOf(electedMillis, p);
    }

    public int rounds() {
        return millis.size();
    }

    /** The nearest-rank percentile (0 < p <= 100) of the rounds' figures; NaN when there are none. */
    public double percentile(double p) {
        return percentileOf(millis, p);
    }

    private static double percentileOf(List<Double> figures, double p) {
        if (figures.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(figures);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
    }

    public double max() {
        return percentile(100);
    }
}
