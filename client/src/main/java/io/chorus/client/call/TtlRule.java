package io.chorus.client.call;

import io.chorus.api.CreateMode;

/** ZooKeeper's TTL rule: the TTL modes need 1..{@link #MAX_TTL_MILLIS} ms; every other mode takes no TTL. */
final class TtlRule {
    /** The largest TTL ZooKeeper can encode (40 bits of the ephemeral-owner field). */
    static final long MAX_TTL_MILLIS = 0xFF_FFFF_FFFFL;

    private TtlRule() {
    }

    static void validate(CreateMode mode, long ttlMillis) {
        if (mode.isTtl()) {
            if (ttlMillis <= 0 || ttlMillis > MAX_TTL_MILLIS) {
                throw new IllegalArgumentException("ttlMillis must be within 1.." + MAX_TTL_MILLIS + " for " + mode
                        + ": " + ttlMillis);
            }
        } else if (ttlMillis >= 0) {
            throw new IllegalArgumentException("ttlMillis must be negative (none) for " + mode + ": " + ttlMillis);
        }
    }
}
