package io.chorus.api.spi;

import java.util.Objects;

/**
 * The applied state of the replicated state machine as of {@code zxid} (every entry up to and including it
 * applied, nothing after), as opaque bytes. A protocol sends it to a follower that is too far behind to be
 * brought up to date from the log (Zab's SNAP).
 */
public record StateSnapshot(long zxid, byte[] bytes) {
    public StateSnapshot {
        Objects.requireNonNull(bytes, "bytes");
        if (zxid < 0) {
            throw new IllegalArgumentException("zxid must not be negative: " + zxid);
        }
    }
}
