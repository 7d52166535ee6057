package io.chorus.api.spi;

import java.util.Objects;

/** One entry of the replicated log: its position (zxid) and the transaction bytes it orders. */
public record LogEntry(long zxid, byte[] payload) {
    public LogEntry {
        Objects.requireNonNull(payload, "payload");
        if (zxid <= 0) {
            throw new IllegalArgumentException("zxid must be positive: " + zxid);
        }
    }
}
