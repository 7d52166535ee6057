package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The replicas' facts replayed node by node: the set of committed transactions (every zxid some node
 * delivered), each node's position (the last zxid its state machine holds) as it moves, and which
 * nodes are up at the end.
 */
final class ReplicaTimeline {
    /** A node's position moved from {@code from} to {@code to} because of {@code fact}. */
    record Move(int node, long from, long to, ReplicaFact fact) {
    }

    final NavigableMap<Long, ReplicaFact.Delivered> committed = new TreeMap<>();
    final List<Move> moves = new ArrayList<>();
    final Map<Integer, Long> finalPosition = new HashMap<>();
    final Set<Integer> up = new HashSet<>();
    final Set<Integer> nodes = new HashSet<>();

    ReplicaTimeline(List<ReplicaFact> facts) {
        for (ReplicaFact f : facts) {
            if (f instanceof ReplicaFact.Delivered d) {
                committed.putIfAbsent(d.zxid(), d);
            }
        }
        Map<Integer, Long> position = new HashMap<>();
        for (ReplicaFact f : facts) {
            int node = f.node();
            if (nodes.add(node)) {
                up.add(node);
            }
            long at = position.getOrDefault(node, 0L);
            if (f instanceof ReplicaFact.Delivered d) {
                moves.add(new Move(node, at, d.zxid(), f));
                position.put(node, d.zxid());
            } else if (f instanceof ReplicaFact.Recovered r) {
                moves.add(new Move(node, at, r.zxid(), f));
                position.put(node, r.zxid());
                up.add(node);
            } else if (f instanceof ReplicaFact.Crashed) {
                up.remove(node);
            }
        }
        finalPosition.putAll(position);
    }

    /** Committed zxids strictly between two positions: what a delivery from {@code from} to {@code to} skipped. */
    List<Long> skipped(long from, long to) {
        return from >= to ? List.of() : new ArrayList<>(committed.subMap(from, false, to, false).keySet());
    }
}
