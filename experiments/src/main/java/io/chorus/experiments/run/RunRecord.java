package io.chorus.experiments.run;

import io.chorus.testkit.zk.TimedOp;
import java.util.List;

/**
 * What one run recorded: every operation, the measured window (microseconds on the run's clock), the events a
 * timeline shows (fault injected, healed, leader killed) and anything the report must say about the run.
 *
 * @param unsupported why the run's read mode could not be measured on this build (the server refused the
 *                    request), or null
 */
public record RunRecord(RunSpec spec, List<TimedOp> ops, long windowStartMicros, long windowEndMicros,
        List<Marker> markers, String unsupported) {
    public RunRecord {
        ops = List.copyOf(ops);
        markers = List.copyOf(markers);
    }

    /** Something that happened at a point of the run, for timelines: "partitioned follower 2" at t. */
    public record Marker(long atMicros, String label) {
    }

    public double windowSeconds() {
        return (windowEndMicros - windowStartMicros) / 1e6;
    }
}
