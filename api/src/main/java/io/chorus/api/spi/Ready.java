package io.chorus.api.spi;

import java.util.List;

/**
 * Everything the driver must now do, in this order: truncate the log after {@code truncateAfterZxid}
 * (when it is not -1), install {@code snapshotToInstall} (when it is not null), persist {@code toPersist}
 * (and report them with {@link ConsensusProtocol#persisted}), send {@code messages}, apply {@code committed}
 * in order, answer the satisfied read barriers and refuse the refused ones, take note of {@code leadership} when
 * it is not null, and hand {@code appMessages} (application messages from other servers, or this one) to what
 * sits above.
 *
 * <p>Truncating below the last applied zxid (possible only after a restart replayed log entries that were
 * never committed) means the driver must rebuild its applied state from a snapshot at or below that zxid
 * and the remaining log.
 *
 * <p>Installing a snapshot replaces the applied state with the snapshot's; the log continues after the
 * snapshot's zxid (entries at or below it no longer matter for recovery). The driver makes the snapshot
 * durable before the entries that follow it and then reports {@code persisted} with a zxid at or above
 * the snapshot's, even when {@code toPersist} is empty.
 */
public record Ready(
        List<Outbound> messages,
        long truncateAfterZxid,
        List<LogEntry> toPersist,
        List<LogEntry> committed,
        List<Long> readBarriersSatisfied,
        List<Long> readBarriersRefused,
        Leadership leadership,
        StateSnapshot snapshotToInstall,
        List<AppMessage> appMessages) {

    public static final Ready EMPTY = new Ready(List.of(), -1, List.of(), List.of(), List.of(), null);

    public Ready {
        messages = List.copyOf(messages);
        toPersist = List.copyOf(toPersist);
        committed = List.copyOf(committed);
        readBarriersSatisfied = List.copyOf(readBarriersSatisfied);
        readBarriersRefused = List.copyOf(readBarriersRefused);
        appMessages = List.copyOf(appMessages);
    }

    /** A Ready without refused barriers or application messages. */
    public Ready(List<Outbound> messages, long truncateAfterZxid, List<LogEntry> toPersist,
            List<LogEntry> committed, List<Long> readBarriersSatisfied, Leadership leadership,
            StateSnapshot snapshotToInstall) {
        this(messages, truncateAfterZxid, toPersist, committed, readBarriersSatisfied, List.of(), leadership,
                snapshotToInstall, List.of());
    }

    /** A Ready without refused barriers, a snapshot to install or application messages. */
    public Ready(List<Outbound> messages, long truncateAfterZxid, List<LogEntry> toPersist,
            List<LogEntry> committed, List<Long> readBarriersSatisfied, Leadership leadership) {
        this(messages, truncateAfterZxid, toPersist, committed, readBarriersSatisfied, List.of(), leadership, null,
                List.of());
    }

    public boolean isEmpty() {
        return messages.isEmpty() && truncateAfterZxid == -1 && toPersist.isEmpty() && committed.isEmpty()
                && readBarriersSatisfied.isEmpty() && readBarriersRefused.isEmpty() && leadership == null
                && snapshotToInstall == null
                && appMessages.isEmpty();
    }
}
