package io.chorus.testkit.check;

import java.util.Comparator;
import java.util.List;

/**
 * Everything one simulated run recorded: the clients' operations and notifications and the replicas'
 * facts. Immutable; build one with {@link HistoryRecorder} or, in tests, directly.
 *
 * @param ops           client operations, in any order (ids give the issue order)
 * @param notifications watch notifications
 * @param replicaFacts  replica facts in the order they happened
 * @param clusterSize   number of voting nodes (for quorum arithmetic)
 * @param settled       true when the run ended with faults healed, a quorum up and connected and the
 *                      cluster having made progress since the last fault; only then does the
 *                      acknowledged-write checker demand that every acknowledged write is present at the end
 */
public record History(List<ClientOp> ops, List<Notification> notifications, List<ReplicaFact> replicaFacts,
                      int clusterSize, boolean settled) {
    public History {
        ops = ops.stream().sorted(Comparator.comparingLong(ClientOp::id)).toList();
        notifications = List.copyOf(notifications);
        replicaFacts = List.copyOf(replicaFacts);
        for (int i = 1; i < ops.size(); i++) {
            if (ops.get(i).id() == ops.get(i - 1).id()) {
                throw new IllegalArgumentException("duplicate op id " + ops.get(i).id());
            }
        }
    }

    /** A history of client operations only. */
    public static History ofOps(List<ClientOp> ops) {
        return new History(ops, List.of(), List.of(), 0, false);
    }

    public ClientOp op(long id) {
        for (ClientOp op : ops) {
            if (op.id() == id) {
                return op;
            }
        }
        throw new IllegalArgumentException("no op " + id);
    }

    @Override
    public String toString() {
        return "History[" + ops.size() + " ops, " + notifications.size() + " notifications, "
                + replicaFacts.size() + " replica facts, " + clusterSize + " nodes" + (settled ? ", settled" : "")
                + "]";
    }
}
