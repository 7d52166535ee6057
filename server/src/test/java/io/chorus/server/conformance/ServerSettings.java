package io.chorus.server.conformance;

/**
 * The settings both kinds of server are started with, so that a scenario sees the same limits on each.
 *
 * @param tickTimeMillis          the basic time unit; session expiry is checked at this granularity
 * @param minSessionTimeoutMillis lower bound a requested session timeout is raised to
 * @param maxSessionTimeoutMillis upper bound a requested session timeout is lowered to
 * @param extendedTypesEnabled         whether TTL nodes may be created (ZooKeeper's zookeeper.extendedTypesEnabled)
 * @param containerCheckIntervalMillis how often empty containers and expired TTL nodes are deleted (ZooKeeper's
 *                                     znode.container.checkIntervalMs, a minute by default)
 */
record ServerSettings(int tickTimeMillis, int minSessionTimeoutMillis, int maxSessionTimeoutMillis,
        boolean extendedTypesEnabled, int containerCheckIntervalMillis) {

    ServerSettings {
        if (tickTimeMillis <= 0 || minSessionTimeoutMillis <= 0 || maxSessionTimeoutMillis < minSessionTimeoutMillis
                || containerCheckIntervalMillis <= 0) {
            throw new IllegalArgumentException("inconsistent settings: tick " + tickTimeMillis + " ms, sessions "
                    + minSessionTimeoutMillis + ".." + maxSessionTimeoutMillis + " ms, container check every "
                    + containerCheckIntervalMillis + " ms");
        }
    }

    /** A short tick and container check, so that expiry, containers and TTLs act within a second or two. */
    static ServerSettings defaults() {
        return new ServerSettings(200, 400, 4000, true, 100);
    }

    ServerSettings withExtendedTypesEnabled(boolean enabled) {
        return new ServerSettings(tickTimeMillis, minSessionTimeoutMillis, maxSessionTimeoutMillis, enabled,
                containerCheckIntervalMillis);
    }
}
