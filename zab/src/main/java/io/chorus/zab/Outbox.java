package io.chorus.zab;

import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.LearnerMessage;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.Outbound;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.StateSnapshot;
import java.util.ArrayList;
import java.util.List;

/** What has accumulated for the next {@link Ready}; {@link #advance} removes what the driver has done. */
final class Outbox {
    private final List<Outbound> messages = new ArrayList<>();
    private long truncateAfter = -1;
    private StateSnapshot snapshot;
    private final List<LogEntry> toPersist = new ArrayList<>();
    private final List<LogEntry> committed = new ArrayList<>();
    private final List<Long> barriers = new ArrayList<>();
    private Leadership leadership;
    private final List<LearnerMessage> fromLearners = new ArrayList<>();

    void send(int to, ZabMessage message) {
        messages.add(new Outbound(to, message));
    }

    void persist(LogEntry entry) {
        toPersist.add(entry);
    }

    void deliver(LogEntry entry) {
        committed.add(entry);
    }

    void barrierSatisfied(long token) {
        barriers.add(token);
    }

    void fromLearner(int from, byte[] bytes) {
        fromLearners.add(new LearnerMessage(from, bytes));
    }

    void leadership(Leadership now) {
        leadership = now;
    }

    /** Entries not yet handed over that the cut removes must not be written after it. */
    void truncateAfter(long zxid) {
        if (snapshot != null && zxid < snapshot.zxid()) {
            throw new IllegalStateException("truncating below a snapshot the driver has not installed yet");
        }
        truncateAfter = truncateAfter == -1 ? zxid : Math.min(truncateAfter, zxid);
        toPersist.removeIf(e -> e.zxid() > zxid);
    }

    /** The snapshot replaces everything not yet persisted or applied: it already contains that state. */
    void install(StateSnapshot newSnapshot) {
        snapshot = newSnapshot;
        toPersist.clear();
        committed.clear();
    }

    boolean isEmpty() {
        return messages.isEmpty() && truncateAfter == -1 && snapshot == null && toPersist.isEmpty()
                && committed.isEmpty() && barriers.isEmpty() && leadership == null && fromLearners.isEmpty();
    }

    Ready ready() {
        return new Ready(messages, truncateAfter, toPersist, committed, barriers, leadership, snapshot, fromLearners);
    }

    void advance(Ready ready) {
        messages.subList(0, ready.messages().size()).clear();
        toPersist.subList(0, ready.toPersist().size()).clear();
        committed.subList(0, ready.committed().size()).clear();
        barriers.subList(0, ready.readBarriersSatisfied().size()).clear();
        fromLearners.subList(0, ready.fromLearners().size()).clear();
        if (ready.truncateAfterZxid() == truncateAfter) {
            truncateAfter = -1;
        }
        if (ready.snapshotToInstall() == snapshot) {
            snapshot = null;
        }
        if (ready.leadership() != null && ready.leadership().equals(leadership)) {
            leadership = null;
        }
    }
}
