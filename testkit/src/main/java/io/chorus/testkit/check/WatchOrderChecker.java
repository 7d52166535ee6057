package io.chorus.testkit.check;

import io.chorus.api.EventType;
import io.chorus.api.OpResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client sees a watch notification before it sees the change that triggered it: no reply about the
 * notified path carrying a zxid at or past the change's zxid reaches the client before the
 * notification. "About the path" means an operation on the path itself (a multi's sub-operations
 * count), and for a children event also an operation on one of its direct children.
 *
 * <p>Does not check that notifications arrive at all (a missing one is invisible here), nor replies
 * about other paths, which ZooKeeper does not promise to order.
 */
public final class WatchOrderChecker implements Checker {
    @Override
    public String name() {
        return "watch-before-new-state";
    }

    @Override
    public CheckResult check(History history) {
        Map<Integer, List<ClientOp>> byClient = new HashMap<>();
        for (ClientOp op : history.ops()) {
            if (op.reply() != null && !Outcomes.isIndeterminate(op.reply().code())) {
                byClient.computeIfAbsent(op.client(), k -> new ArrayList<>()).add(op);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Notification n : history.notifications()) {
            for (ClientOp op : byClient.getOrDefault(n.client(), List.of())) {
                Reply r = op.reply();
                if (r.receiveSeq() < n.receiveSeq() && r.zxid() >= n.zxid() && touches(op, n)) {
                    problems.add("client saw the new state before the notification: " + op
                            + "\n  arrived before " + n);
                }
            }
        }
        return CheckResult.of(name(), problems);
    }

    private static boolean touches(ClientOp op, Notification n) {
        List<String> paths = new ArrayList<>(op.call().paths());
        Result r = op.reply().result();
        if (r.createdPath() != null) {
            paths.add(r.createdPath());
        }
        if (r.results() != null) {
            for (OpResult sub : r.results()) {
                if (sub instanceof OpResult.CreateResult cr && cr.path() != null) {
                    paths.add(cr.path());
                }
            }
        }
        for (String p : paths) {
            if (n.path().equals(p)) {
                return true;
            }
            if (n.type() == EventType.NODE_CHILDREN_CHANGED && n.path().equals(ZnodeProjection.parent(p))) {
                return true;
            }
        }
        return false;
    }
}
