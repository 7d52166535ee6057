package io.chorus.datatree;

/**
 * Options every replica must share (they change what a transaction does). {@code extendedTypesEnabled}
 * is ZooKeeper's gate for TTL nodes; without it a TTL create fails with UNIMPLEMENTED.
 */
public record TreeOptions(boolean extendedTypesEnabled) {
    public static final TreeOptions DEFAULTS = new TreeOptions(true);
}
