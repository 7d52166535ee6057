package io.chorus.experiments.analysis;

import io.chorus.api.ReadConsistency;
import io.chorus.experiments.run.ReadMode;
import io.chorus.experiments.run.RunRecord;
import io.chorus.testkit.zk.TimedOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a failover run shows, per series (the writes, and the reads of each mode): from the leader's loss to the
 * first answered operation invoked after it, the longest time without an answered operation from the loss to
 * the end of the window, and how many operations failed after the loss. Reads are named by their
 * {@link ReadMode}: a run whose ensemble confirms LINEARIZABLE reads by a lease has LINEARIZABLE-LEASE reads.
 *
 * @param lossMicros when the leader was lost (the first marker)
 */
public record FailoverSummary(long lossMicros, Map<String, Series> series) {
    /** One series: NaN times when nothing was answered after the loss. */
    public record Series(String name, double firstAfterLossMillis, double longestGapMillis, long failedAfterLoss,
            long answeredAfterLoss) {
    }

    public static FailoverSummary of(RunRecord record) {
        long loss = record.markers().isEmpty() ? record.windowStartMicros() : record.markers().get(0).atMicros();
        Map<String, Series> out = new LinkedHashMap<>();
        out.put("writes", series("writes", record, loss, op -> op.write()));
        for (ReadConsistency consistency : ReadConsistency.values()) {
            String name = ReadMode.of(consistency, record.spec().leaderReads()).label();
            if (record.ops().stream().anyMatch(op -> !op.write() && op.mode() == consistency)) {
                out.put(name, series(name + " reads", record, loss, op -> !op.write() && op.mode() == consistency));
            }
        }
        return new FailoverSummary(loss, out);
    }

    private static Series series(String name, RunRecord record, long loss, java.util.function.Predicate<TimedOp> in) {
        List<TimedOp> ops = record.ops().stream().filter(in).toList();
        Optional<TimedOp> first = ops.stream().filter(op -> op.ok() && op.invokedMicros() >= loss)
                .min(Comparator.comparingLong(TimedOp::answeredMicros));
        List<Long> answers = new ArrayList<>();
        answers.add(loss);
        ops.stream().filter(op -> op.ok() && op.answeredMicros() >= loss && op.answeredMicros() < record.windowEndMicros())
                .map(TimedOp::answeredMicros).sorted().forEach(answers::add);
        answers.add(record.windowEndMicros());
        long gap = 0;
        for (int i = 1; i < answers.size(); i++) {
            gap = Math.max(gap, answers.get(i) - answers.get(i - 1));
        }
        long failed = ops.stream().filter(op -> !op.ok() && op.invokedMicros() >= loss).count();
        long answered = answers.size() - 2;
        return new Series(name, first.map(op -> (op.answeredMicros() - loss) / 1_000.0).orElse(Double.NaN),
                gap / 1_000.0, failed, answered);
    }
}
