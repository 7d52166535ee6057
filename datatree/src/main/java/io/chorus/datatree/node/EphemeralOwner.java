package io.chorus.datatree.node;

/**
 * What a node's stored ephemeralOwner means, as ZooKeeper's EphemeralType encodes it: 0 for a plain
 * node, the session id for an ephemeral, {@code Long.MIN_VALUE} for a container, and (with extended
 * types enabled) {@code 0xFF00000000000000 | ttlMillis} for a TTL node.
 */
public enum EphemeralOwner {
    NONE,
    SESSION,
    CONTAINER,
    TTL;

    public static final long CONTAINER_OWNER = Long.MIN_VALUE;
    /** The largest TTL the encoding holds: 40 bits of milliseconds, about 34 years. */
    public static final long TTL_MILLIS_MAX = 0x000000FFFFFFFFFFL;
    private static final long EXTENDED_MASK = 0xFF00000000000000L;
    private static final long EXTENDED_FEATURE_MASK = 0x00FFFF0000000000L;
    private static final long TTL_FEATURE = 0L;

    /** The kind of a stored owner; TTL needs extended types, without them such a value is a session. */
    public static EphemeralOwner of(long owner, boolean extendedTypesEnabled) {
        if (extendedTypesEnabled && (owner & EXTENDED_MASK) == EXTENDED_MASK
                && (owner & EXTENDED_FEATURE_MASK) == TTL_FEATURE) {
            return TTL;
        }
        if (owner == CONTAINER_OWNER) {
            return CONTAINER;
        }
        return owner == 0 ? NONE : SESSION;
    }

    public static boolean isValidTtl(long ttlMillis) {
        return ttlMillis > 0 && ttlMillis <= TTL_MILLIS_MAX;
    }

    public static long ttlOwner(long ttlMillis) {
        if (!isValidTtl(ttlMillis)) {
            throw new IllegalArgumentException("ttl out of range: " + ttlMillis);
        }
        return EXTENDED_MASK | ttlMillis;
    }

    public static long ttlMillis(long owner) {
        return owner & TTL_MILLIS_MAX;
    }

    /** What clients see in Stat.ephemeralOwner: the session for ephemerals, 0 for every other kind (as ZooKeeper). */
    public static long visible(long owner, boolean extendedTypesEnabled) {
        return of(owner, extendedTypesEnabled) == SESSION ? owner : 0;
    }
}
