package io.chorus.api.spi;

import java.util.List;

/**
 * Everything the driver must now do, in this order: truncate the log after {@code truncateAfterZxid}
 * (when it is not -1), persist {@code toPersist} (and report them with
 * {@link ConsensusProtocol#persisted}), send {@code messages}, apply {@code committed} in order, answer
 * the satisfied read barriers, and take note of {@code leadership} when it is not null.
 */
public record Ready(
        List<Outbound> messages,
        long truncateAfterZxid,
        List<LogEntry> toPersist,
        List<LogEntry> committed,
        List<Long> readBarriersSatisfied,
        Leadership leadership) {

    public static final Ready EMPTY = new Ready(List.of(), -1, List.of(), List.of(), List.of(), null);

    public Ready {
        messages = List.copyOf(messages);
        toPersist = List.copyOf(toPersist);
        committed = List.copyOf(committed);
        readBarriersSatisfied = List.copyOf(readBarriersSatisfied);
    }

    public boolean isEmpty() {
        return messages.isEmpty() && truncateAfterZxid == -1 && toPersist.isEmpty() && committed.isEmpty()
                && readBarriersSatisfied.isEmpty() && leadership == null;
    }
}
