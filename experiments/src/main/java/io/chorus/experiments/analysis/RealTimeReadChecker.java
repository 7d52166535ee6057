package io.chorus.experiments.analysis;

import io.chorus.testkit.zk.TimedOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which reads violate linearizability. Writes are linearizable and totally ordered by zxid, and every write
 * leaves a value no other write leaves (its mzxid names it), so each key is a register whose writes are
 * ordered: a read is linearizable exactly when the value it returned had not been superseded before it was
 * invoked, that is, when its mzxid is not below the newest zxid known for the key at its invocation, from a
 * write acknowledged before it or a read of the key answered before it. Everything else about a read (the
 * value existing before its answer) holds by construction, as servers only return committed values.
 */
public final class RealTimeReadChecker {
    private RealTimeReadChecker() {
    }

    /** For each answered read, in {@link Staleness#reads} order: whether it violates linearizability. */
    public static boolean[] violations(List<TimedOp> ops) {
        Map<String, List<long[]>> known = new HashMap<>(); // per key: (time known, zxid)
        for (TimedOp op : ops) {
            if (op.ok()) {
                known.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(new long[] {op.answeredMicros(), op.mzxid()});
            }
        }
        Map<String, long[][]> frontier = new HashMap<>();
        known.forEach((key, events) -> {
            events.sort(Comparator.comparingLong(e -> e[0]));
            long[][] prefix = new long[events.size()][];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < events.size(); i++) {
                max = Math.max(max, events.get(i)[1]);
                prefix[i] = new long[] {events.get(i)[0], max};
            }
            frontier.put(key, prefix);
        });
        List<TimedOp> reads = Staleness.reads(ops);
        boolean[] violating = new boolean[reads.size()];
        for (int i = 0; i < reads.size(); i++) {
            TimedOp read = reads.get(i);
            long[][] prefix = frontier.get(read.key());
            int known1 = countBefore(prefix, read.invokedMicros());
            violating[i] = known1 > 0 && read.mzxid() < prefix[known1 - 1][1];
        }
        return violating;
    }

    /** How many events happened strictly before {@code t}. */
    private static int countBefore(long[][] prefix, long t) {
        int lo = 0;
        int hi = prefix.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prefix[mid][0] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
