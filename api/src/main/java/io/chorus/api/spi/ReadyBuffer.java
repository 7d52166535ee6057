package io.chorus.api.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * What a protocol has accumulated for the next {@link Ready}; {@link #advance} removes what the driver has done.
 * Shared by the protocol modules so that each builds its Ready the same way.
 */
public final class ReadyBuffer {
    private final List<Outbound> messages = new ArrayList<>();
    private long truncateAfter = -1;
    private StateSnapshot snapshot;
    private final List<LogEntry> toPersist = new ArrayList<>();
    private final List<LogEntry> committed = new ArrayList<>();
    private final List<Long> barriers = new ArrayList<>();
    private final List<Long> refused = new ArrayList<>();
    private Leadership leadership;
    private final List<AppMessage> appMessages = new ArrayList<>();

    public void send(int to, PeerMessage message) {
        messages.add(new Outbound(to, message));
    }

    public void persist(LogEntry entry) {
        toPersist.add(entry);
    }

    public void deliver(LogEntry entry) {
        committed.add(entry);
    }

    public void barrierSatisfied(long token) {
        barriers.add(token);
    }

    public void barrierRefused(long token) {
        refused.add(token);
    }

    public void appMessage(int from, byte[] bytes) {
        appMessages.add(new AppMessage(from, bytes));
    }

    public void leadership(Leadership now) {
        leadership = now;
    }

    /** Entries not yet handed over that the cut removes must not be written after it. */
    public void truncateAfter(long zxid) {
        if (snapshot != null && zxid < snapshot.zxid()) {
            throw new IllegalStateException("truncating below a snapshot the driver has not installed yet");
        }
        truncateAfter = truncateAfter == -1 ? zxid : Math.min(truncateAfter, zxid);
        toPersist.removeIf(e -> e.zxid() > zxid);
    }

    /** The snapshot replaces everything not yet persisted or applied: it already contains that state. */
    public void install(StateSnapshot newSnapshot) {
        snapshot = newSnapshot;
        toPersist.clear();
        committed.clear();
    }

    public boolean isEmpty() {
        return messages.isEmpty() && truncateAfter == -1 && snapshot == null && toPersist.isEmpty()
                && committed.isEmpty() && barriers.isEmpty() && refused.isEmpty() && leadership == null
                && appMessages.isEmpty();
    }

    public Ready ready() {
        return new Ready(messages, truncateAfter, toPersist, committed, barriers, refused, leadership, snapshot,
                appMessages);
    }

    public void advance(Ready ready) {
        messages.subList(0, ready.messages().size()).clear();
        toPersist.subList(0, ready.toPersist().size()).clear();
        committed.subList(0, ready.committed().size()).clear();
        barriers.subList(0, ready.readBarriersSatisfied().size()).clear();
        refused.subList(0, ready.readBarriersRefused().size()).clear();
        appMessages.subList(0, ready.appMessages().size()).clear();
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
