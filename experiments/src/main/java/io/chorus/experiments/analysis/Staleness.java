package io.chorus.experiments.analysis;

import io.chorus.testkit.zk.TimedOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How many committed writes a read's state is behind at its invocation: the writes acknowledged before the read
 * was invoked whose zxid is greater than the zxid the read's state reflects (its reply's served zxid). A read
 * that saw everything acknowledged before it started is 0 behind, whatever was written meanwhile.
 */
public final class Staleness {
    private Staleness() {
    }

    /** For each answered read of {@code ops}, in the order of {@link #reads}, how many writes it was behind. */
    public static long[] behind(List<TimedOp> ops) {
        List<TimedOp> writes = new ArrayList<>(ops.stream().filter(op -> op.write() && op.ok()).toList());
        writes.sort(Comparator.comparingLong(TimedOp::answeredMicros));
        List<TimedOp> reads = reads(ops);
        long[] zxids = writes.stream().mapToLong(TimedOp::mzxid).sorted().distinct().toArray();
        FenwickCounts counts = new FenwickCounts(zxids.length);
        Integer[] order = new Integer[reads.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> reads.get(i).invokedMicros()));
        long[] behind = new long[reads.size()];
        int next = 0;
        int inserted = 0;
        for (int i : order) {
            TimedOp read = reads.get(i);
            while (next < writes.size() && writes.get(next).answeredMicros() < read.invokedMicros()) {
                counts.add(Arrays.binarySearch(zxids, writes.get(next).mzxid()));
                inserted++;
                next++;
            }
            // ranks at or below the served zxid are reflected; the rest are behind
            int reflected = upperBound(zxids, read.servedZxid());
            behind[i] = inserted - counts.prefix(reflected);
        }
        return behind;
    }

    /** The answered reads, in the order the ops list has them: the indices {@link #behind} answers for. */
    public static List<TimedOp> reads(List<TimedOp> ops) {
        return ops.stream().filter(op -> !op.write() && op.ok()).toList();
    }

    /** How many values of the sorted {@code values} are at most {@code x}. */
    static int upperBound(long[] values, long x) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Counts per rank with prefix sums in log time. */
    private static final class FenwickCounts {
        private final long[] tree;

        FenwickCounts(int size) {
            tree = new long[size + 1];
        }

        void add(int rank) {
            for (int i = rank + 1; i < tree.length; i += i & -i) {
                tree[i]++;
            }
        }

        /** The count of ranks below {@code rankExclusive}. */
        long prefix(int rankExclusive) {
            long sum = 0;
            for (int i = rankExclusive; i > 0; i -= i & -i) {
                sum += tree[i];
            }
            return sum;
        }
    }
}
