package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Replicas that applied the same zxid have the same tree digest afterwards (deliveries without a digest are skipped). */
public final class ReplicaDigestChecker implements Checker {
    @Override
    public String name() {
        return "replica-digest-agreement";
    }

    @Override
    public CheckResult check(History history) {
        Map<Long, ReplicaFact.Delivered> first = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ReplicaFact f : history.replicaFacts()) {
            if (f instanceof ReplicaFact.Delivered d && d.digest() != ReplicaFact.Delivered.NO_DIGEST) {
                ReplicaFact.Delivered seen = first.putIfAbsent(d.zxid(), d);
                if (seen != null && seen.digest() != d.digest()) {
                    problems.add("replicas diverged at zxid " + Text.zxid(d.zxid()) + ": " + seen + " vs " + d);
                }
            }
        }
        return CheckResult.of(name(), problems);
    }
}
