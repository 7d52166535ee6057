package io.chorus.experiments.analysis;

import io.chorus.testkit.zk.TimedOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * For each acknowledged write and each server, the time from the write's acknowledgement to the first read
 * answered through that server whose state reflects it (served zxid at or beyond the write's): 0 when such a
 * read was answered before the acknowledgement. Writes no read through a server ever reflected during the run
 * are left out for that server (counted in {@link Result#unobserved}).
 */
public final class VisibilityDelay {
    /** Delays in microseconds, one per (write, server) pair observed; and how many pairs were never observed. */
    public record Result(long[] delaysMicros, long unobserved) {
    }

    private VisibilityDelay() {
    }

    public static Result of(List<TimedOp> ops) {
        Map<Integer, List<TimedOp>> readsByServer = new TreeMap<>();
        for (TimedOp op : ops) {
            if (!op.write() && op.ok()) {
                readsByServer.computeIfAbsent(op.server(), s -> new ArrayList<>()).add(op);
            }
        }
        List<TimedOp> writes = ops.stream().filter(op -> op.write() && op.ok()).toList();
        List<Long> delays = new ArrayList<>();
        long unobserved = 0;
        for (List<TimedOp> reads : readsByServer.values()) {
            reads.sort(Comparator.comparingLong(TimedOp::answeredMicros));
            // the highest zxid any read through this server reflected so far: a server's applied zxid only grows,
            // and the first read at or beyond a write's zxid is where that write became visible there
            long[] reflectedSoFar = new long[reads.size()];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < reads.size(); i++) {
                max = Math.max(max, reads.get(i).servedZxid());
                reflectedSoFar[i] = max;
            }
            for (TimedOp write : writes) {
                int first = firstAtLeast(reflectedSoFar, write.mzxid());
                if (first == reflectedSoFar.length) {
                    unobserved++;
                } else {
                    delays.add(Math.max(0, reads.get(first).answeredMicros() - write.answeredMicros()));
                }
            }
        }
        return new Result(delays.stream().mapToLong(Long::longValue).toArray(), unobserved);
    }

    private static int firstAtLeast(long[] nonDecreasing, long x) {
        int lo = 0;
        int hi = nonDecreasing.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nonDecreasing[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
