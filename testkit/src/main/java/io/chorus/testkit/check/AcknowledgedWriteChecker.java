package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Every acknowledged write survives: a write whose client got OK (its reply zxid is the transaction's
 * zxid) was committed (some node delivered that zxid), no node later moves past it by deliveries
 * without delivering it (the crash-lost-write pattern), and, when the history is
 * {@link History#settled() settled} with a quorum up, some up node holds it at the end.
 *
 * <p>Without replica facts there is nothing to compare against and the check only notes that. It
 * cannot tell whether the committed payload is the client's (payloads are only hashed).
 */
public final class AcknowledgedWriteChecker implements Checker {
    @Override
    public String name() {
        return "acknowledged-writes-survive";
    }

    @Override
    public CheckResult check(History history) {
        TreeMap<Long, ClientOp> acked = new TreeMap<>();
        for (ClientOp op : history.ops()) {
            if (op.acknowledgedWrite() && op.reply().zxid() > 0) {
                acked.putIfAbsent(op.reply().zxid(), op);
            }
        }
        if (history.replicaFacts().isEmpty()) {
            return new CheckResult(name(), Verdict.PASS, List.of(),
                    List.of("no replica facts recorded: " + acked.size() + " acknowledged writes not checked"));
        }
        ReplicaTimeline timeline = new ReplicaTimeline(history.replicaFacts());
        List<String> problems = new ArrayList<>();
        for (ClientOp op : acked.values()) {
            if (!timeline.committed.containsKey(op.reply().zxid())) {
                problems.add("acknowledged write never committed by any node: " + op);
            }
        }
        for (ReplicaTimeline.Move m : timeline.moves) {
            if (m.fact() instanceof ReplicaFact.Delivered && m.to() > m.from()) {
                for (ClientOp lost : acked.subMap(m.from(), false, m.to(), false).values()) {
                    problems.add("acknowledged write lost on node " + m.node() + ": " + lost + "\n  the node went from "
                            + Text.zxid(m.from()) + " to " + m.fact() + " without it");
                }
            }
        }
        List<String> notes = new ArrayList<>();
        int quorum = history.clusterSize() / 2 + 1;
        if (!history.settled() || timeline.up.size() < quorum) {
            notes.add("end-of-run presence not checked (settled=" + history.settled() + ", up nodes "
                    + timeline.up.size() + " of " + history.clusterSize() + ")");
        } else if (!acked.isEmpty()) {
            long best = timeline.up.stream().mapToLong(n -> timeline.finalPosition.getOrDefault(n, 0L)).max().orElse(0);
            for (ClientOp op : acked.tailMap(best, false).values()) {
                problems.add("acknowledged write missing at the end (up nodes " + timeline.up + " reach only "
                        + Text.zxid(best) + "): " + op);
            }
        }
        return new CheckResult(name(), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, problems, notes);
    }
}
