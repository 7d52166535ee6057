package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The checkers run on every simulated history, in one place, so the simulator and the command line
 * run the same set.
 */
public final class HistoryChecks {
    private final List<Checker> checkers;

    public HistoryChecks(List<Checker> checkers) {
        this.checkers = List.copyOf(checkers);
    }

    /** Every checker, with linearizability over writes and linearizable reads. */
    public static HistoryChecks standard() {
        return new HistoryChecks(List.of(
                LinearizabilityChecker.writesAndLinearizableReads(),
                new FifoOrderChecker(),
                new MonotonicReadChecker(),
                new SequentialReadChecker(),
                new WatchOrderChecker(),
                new ReplicaDigestChecker(),
                new LeaderUniquenessChecker(),
                new CommitOrderChecker(),
                new AcknowledgedWriteChecker(),
                new StaleReadChecker()));
    }

    public List<Checker> checkers() {
        return checkers;
    }

    /** Every checker's result, in order. */
    public List<CheckResult> run(History history) {
        List<CheckResult> out = new ArrayList<>();
        for (Checker c : checkers) {
            out.add(c.check(history));
        }
        return out;
    }

    /** The results that are not a pass (failures and inconclusive ones); empty when the history is fine. */
    public List<CheckResult> violations(History history) {
        return run(history).stream().filter(r -> !r.passed()).toList();
    }
}
