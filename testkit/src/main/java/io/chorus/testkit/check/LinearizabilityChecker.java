package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linearizability of writes (and, when asked, of reads) per znode, by a Wing–Gong/Lowe search over
 * each znode's sub-history (see {@link ZnodeProjection} for how operations are split and
 * {@link ZnodeModel} for what a znode's model keeps and leaves open).
 *
 * <p>Failed writes count as observations: ZooKeeper's leader decides NODEEXISTS, NONODE, BADVERSION
 * and NOTEMPTY in its total order, so they must be linearizable too. Plain reads are only sequentially
 * consistent in ZooKeeper and are left out by default (see {@link ZnodeProjection.Reads}).
 *
 * <p>The search is bounded: past {@code budgetPerZnode} steps on one znode the answer is
 * {@link Verdict#INCONCLUSIVE}, naming the znode — never a silent pass.
 */
public final class LinearizabilityChecker implements Checker {
    /** Search steps allowed per znode before giving up. */
    public static final long DEFAULT_BUDGET = 200_000;

    private static final Set<String> SYSTEM_NODES = Set.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config");

    private final ZnodeProjection.Reads reads;
    private final long budgetPerZnode;

    private LinearizabilityChecker(ZnodeProjection.Reads reads, long budgetPerZnode) {
        this.reads = reads;
        this.budgetPerZnode = budgetPerZnode;
    }

    /** Writes, failed writes, and the reads the client asked to be linearizable. */
    public static LinearizabilityChecker writesAndLinearizableReads() {
        return new LinearizabilityChecker(ZnodeProjection.Reads.LINEARIZABLE, DEFAULT_BUDGET);
    }

    /** Every read as well: for histories whose reads all claim linearizability (e.g. a single replica). */
    public static LinearizabilityChecker allReads() {
        return new LinearizabilityChecker(ZnodeProjection.Reads.ALL, DEFAULT_BUDGET);
    }

    /** The same checker with another per-znode search budget. */
    public LinearizabilityChecker withBudget(long stepsPerZnode) {
        return new LinearizabilityChecker(reads, stepsPerZnode);
    }

    @Override
    public String name() {
        return "linearizability";
    }

    @Override
    public CheckResult check(History history) {
        ZnodeProjection.Projected projected = ZnodeProjection.project(history, reads);
        List<String> failures = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        for (Map.Entry<String, List<ZnodeOp>> e : projected.byPath().entrySet()) {
            String path = e.getKey();
            ZnodeState initial = SYSTEM_NODES.contains(path) ? ZnodeState.systemNode() : ZnodeState.ABSENT;
            LinearizabilitySearch.Outcome out = new LinearizabilitySearch(e.getValue(), initial, budgetPerZnode).run();
            if (out.verdict() == Verdict.FAIL) {
                failures.add("znode " + path + " (starting " + initial + ") is not linearizable: " + out.counterexample());
            } else if (out.verdict() == Verdict.INCONCLUSIVE) {
                undecided.add("znode " + path + ": " + out.counterexample());
            }
        }
        List<String> notes = new ArrayList<>(projected.notes());
        if (history.ops().stream().anyMatch(op -> op.kind() == OpKind.MULTI)) {
            notes.add("multis are checked per znode: necessary, not sufficient, for their atomicity");
        }
        if (!failures.isEmpty()) {
            failures.addAll(undecided);
            return new CheckResult(name(), Verdict.FAIL, failures, notes);
        }
        if (!undecided.isEmpty()) {
            return new CheckResult(name(), Verdict.INCONCLUSIVE, undecided, notes);
        }
        return new CheckResult(name(), Verdict.PASS, List.of(), notes);
    }
}
