package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Never two leaders in the same epoch: at most one node establishes leadership of each epoch (it may re-record it). */
public final class LeaderUniquenessChecker implements Checker {
    @Override
    public String name() {
        return "one-leader-per-epoch";
    }

    @Override
    public CheckResult check(History history) {
        Map<Long, ReplicaFact.LeaderEstablished> leaders = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ReplicaFact f : history.replicaFacts()) {
            if (f instanceof ReplicaFact.LeaderEstablished l) {
                ReplicaFact.LeaderEstablished seen = leaders.putIfAbsent(l.epoch(), l);
                if (seen != null && seen.node() != l.node()) {
                    problems.add("two leaders in epoch " + l.epoch() + ": " + seen + " and " + l);
                }
            }
        }
        return CheckResult.of(name(), problems);
    }
}
