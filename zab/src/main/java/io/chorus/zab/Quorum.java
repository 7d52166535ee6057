package io.chorus.zab;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Majority arithmetic over a fixed ensemble: all of Zab's "a quorum has ..." questions are asked here. */
final class Quorum {
    private final Set<Integer> members;

    Quorum(Collection<Integer> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        this.members = Collections.unmodifiableSet(new TreeSet<>(members));
    }

    Set<Integer> members() {
        return members;
    }

    boolean isMember(int id) {
        return members.contains(id);
    }

    /** The smallest number of members any two of whose sets intersect. */
    int size() {
        return members.size() / 2 + 1;
    }

    /** Whether {@code ids} (non-members and duplicates ignored) make up a majority. */
    boolean isQuorum(Collection<Integer> ids) {
        return new TreeSet<>(ids).stream().filter(members::contains).count() >= size();
    }

    /**
     * The highest zxid that at least {@code needed} members have acknowledged, given each member's highest
     * acknowledged zxid (absent members count as having acknowledged nothing); -1 if fewer than that acked.
     */
    long highestAckedBy(Map<Integer, Long> acked, int needed) {
        List<Long> values = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : acked.entrySet()) {
            if (members.contains(e.getKey())) {
                values.add(e.getValue());
            }
        }
        if (values.size() < needed) {
            return -1;
        }
        values.sort(Collections.reverseOrder());
        return values.get(needed - 1);
    }

    long highestAckedByQuorum(Map<Integer, Long> acked) {
        return highestAckedBy(acked, size());
    }
}
