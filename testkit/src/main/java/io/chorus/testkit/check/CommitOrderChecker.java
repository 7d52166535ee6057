package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Committed prefixes never diverge: every node that delivers a zxid delivers the same payload (by
 * hash), and each node delivers in zxid order without skipping a transaction that any node delivered.
 * A {@link ReplicaFact.Recovered} moves a node's position without deliveries (snapshot, restart,
 * truncation), so no skip is charged for it; deliveries after it continue from there.
 */
public final class CommitOrderChecker implements Checker {
    private static final int MAX_REPORTED_SKIPS = 5;

    @Override
    public String name() {
        return "committed-prefix-agreement";
    }

    @Override
    public CheckResult check(History history) {
        ReplicaTimeline timeline = new ReplicaTimeline(history.replicaFacts());
        List<String> problems = new ArrayList<>();
        for (ReplicaFact f : history.replicaFacts()) {
            if (f instanceof ReplicaFact.Delivered d) {
                ReplicaFact.Delivered first = timeline.committed.get(d.zxid());
                if (first.payloadHash() != d.payloadHash()) {
                    problems.add("two payloads committed at zxid " + Text.zxid(d.zxid()) + ": " + first + " vs " + d);
                }
            }
        }
        for (ReplicaTimeline.Move m : timeline.moves) {
            if (!(m.fact() instanceof ReplicaFact.Delivered)) {
                continue;
            }
            if (m.to() <= m.from()) {
                problems.add("node " + m.node() + " delivered out of order: " + m.fact() + " after reaching "
                        + Text.zxid(m.from()));
                continue;
            }
            List<Long> gap = timeline.skipped(m.from(), m.to());
            if (!gap.isEmpty()) {
                problems.add("node " + m.node() + " skipped committed " + gap.stream().limit(MAX_REPORTED_SKIPS)
                        .map(Text::zxid).toList() + (gap.size() > MAX_REPORTED_SKIPS ? " and " + (gap.size()
                        - MAX_REPORTED_SKIPS) + " more" : "") + " going from " + Text.zxid(m.from()) + " to " + m.fact()
                        + "; first delivered by " + timeline.committed.get(gap.get(0)));
            }
        }
        return CheckResult.of(name(), problems);
    }
}
