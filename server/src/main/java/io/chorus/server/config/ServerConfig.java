package io.chorus.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a Chorus node is configured with, as one typed, validated object. Built from the embedded
 * defaults, then a zoo.cfg-style file, then command-line flags ({@link ConfigLoader}). Names carry units.
 *
 * @param clientPort                          client port; 0 picks a free one
 * @param clientBindAddress                   address the client port binds
 * @param dataDir                             snapshots and durable metadata
 * @param dataLogDir                          the transaction log (defaults to dataDir)
 * @param tickTimeMillis                      the basic time unit; session timeouts are bounded by it
 * @param minSessionTimeoutMillis             lower bound of negotiated session timeouts
 * @param maxSessionTimeoutMillis             upper bound of negotiated session timeouts
 * @param maxClientConnectionsPerAddress      connections one client address may hold (0 = no limit)
 * @param maxPacketBytes                      largest request or reply frame (jute.maxbuffer)
 * @param maxOutstandingRequestsPerConnection requests one connection may have in flight before reads pause
 * @param extendedTypesEnabled                TTL nodes allowed (zookeeper.extendedTypesEnabled)
 * @param superDigest                         "super:base64sha1" whose holder passes every ACL, or null
 * @param snapshotEveryTxns                   transactions between snapshots (snapCount)
 * @param snapshotRetainCount                 snapshots (and the log they cover) kept (autopurge.snapRetainCount)
 * @param containerCheckIntervalMillis        how often empty containers and expired TTL nodes are looked for
 */
public record ServerConfig(
        int clientPort,
        String clientBindAddress,
        Path dataDir,
        Path dataLogDir,
        int tickTimeMillis,
        int minSessionTimeoutMillis,
        int maxSessionTimeoutMillis,
        int maxClientConnectionsPerAddress,
        int maxPacketBytes,
        int maxOutstandingRequestsPerConnection,
        boolean extendedTypesEnabled,
        String superDigest,
        int snapshotEveryTxns,
        int snapshotRetainCount,
        int containerCheckIntervalMillis) {

    /** 1 MiB - 1, ZooKeeper's default jute.maxbuffer. */
    public static final int DEFAULT_MAX_PACKET_BYTES = 0xfffff;

    public ServerConfig {
        Objects.requireNonNull(clientBindAddress, "clientBindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dataLogDir, "dataLogDir");
    }

    /** The embedded defaults: port 2181 on all addresses, data under ./chorus-data. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.clientPort = clientPort;
        b.clientBindAddress = clientBindAddress;
        b.dataDir = dataDir;
        b.dataLogDir = dataLogDir;
        b.tickTimeMillis = tickTimeMillis;
        b.minSessionTimeoutMillis = minSessionTimeoutMillis;
        b.maxSessionTimeoutMillis = maxSessionTimeoutMillis;
        b.maxClientConnectionsPerAddress = maxClientConnectionsPerAddress;
        b.maxPacketBytes = maxPacketBytes;
        b.maxOutstandingRequestsPerConnection = maxOutstandingRequestsPerConnection;
        b.extendedTypesEnabled = extendedTypesEnabled;
        b.superDigest = superDigest;
        b.snapshotEveryTxns = snapshotEveryTxns;
        b.snapshotRetainCount = snapshotRetainCount;
        b.containerCheckIntervalMillis = containerCheckIntervalMillis;
        return b;
    }

    /**
     * Mutable holder of the fields, starting from the embedded defaults. Session timeout bounds left at -1
     * follow the tick (2x and 20x), as in ZooKeeper; the log directory left null follows the data directory.
     */
    public static final class Builder {
        public int clientPort = 2181;
        public String clientBindAddress = "0.0.0.0";
        public Path dataDir = Path.of("chorus-data");
        public Path dataLogDir;
        public int tickTimeMillis = 2000;
        public int minSessionTimeoutMillis = -1;
        public int maxSessionTimeoutMillis = -1;
        public int maxClientConnectionsPerAddress = 60;
        public int maxPacketBytes = DEFAULT_MAX_PACKET_BYTES;
        public int maxOutstandingRequestsPerConnection = 1000;
        public boolean extendedTypesEnabled = true;
        public String superDigest;
        public int snapshotEveryTxns = 100_000;
        public int snapshotRetainCount = 3;
        /** ZooKeeper's znode.container.checkIntervalMs default. */
        public int containerCheckIntervalMillis = 60_000;

        public Builder clientPort(int port) {
            this.clientPort = port;
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder tickTimeMillis(int tick) {
            this.tickTimeMillis = tick;
            return this;
        }

        public Builder sessionTimeoutBoundsMillis(int min, int max) {
            this.minSessionTimeoutMillis = min;
            this.maxSessionTimeoutMillis = max;
            return this;
        }

        public Builder maxClientConnectionsPerAddress(int max) {
            this.maxClientConnectionsPerAddress = max;
            return this;
        }

        public Builder maxPacketBytes(int max) {
            this.maxPacketBytes = max;
            return this;
        }

        public Builder maxOutstandingRequestsPerConnection(int max) {
            this.maxOutstandingRequestsPerConnection = max;
            return this;
        }

        public Builder superDigest(String digest) {
            this.superDigest = digest;
            return this;
        }

        public Builder containerCheckIntervalMillis(int millis) {
            this.containerCheckIntervalMillis = millis;
            return this;
        }

        public Builder snapshotEveryTxns(int txns) {
            this.snapshotEveryTxns = txns;
            return this;
        }

        /** Validates every field; an invalid value is refused with a message naming its key. */
        public ServerConfig build() {
            int min = minSessionTimeoutMillis == -1 ? tickTimeMillis * 2 : minSessionTimeoutMillis;
            int max = maxSessionTimeoutMillis == -1 ? tickTimeMillis * 20 : maxSessionTimeoutMillis;
            ConfigException.check(clientPort >= 0 && clientPort <= 65535, "clientPort", clientPort,
                    "must be a port number 0..65535");
            ConfigException.check(tickTimeMillis > 0, "tickTime", tickTimeMillis, "must be positive");
            ConfigException.check(min > 0, "minSessionTimeout", min, "must be positive");
            ConfigException.check(max >= min, "maxSessionTimeout", max, "must not be below minSessionTimeout " + min);
            ConfigException.check(maxClientConnectionsPerAddress >= 0, "maxClientCnxns",
                    maxClientConnectionsPerAddress, "must be 0 (no limit) or positive");
            ConfigException.check(maxPacketBytes >= 1024, "jute.maxbuffer", maxPacketBytes, "must be at least 1024");
            ConfigException.check(maxOutstandingRequestsPerConnection > 0, "maxOutstandingRequestsPerConnection",
                    maxOutstandingRequestsPerConnection, "must be positive");
            ConfigException.check(snapshotEveryTxns >= 2, "snapCount", snapshotEveryTxns, "must be at least 2");
            ConfigException.check(snapshotRetainCount >= 1, "autopurge.snapRetainCount", snapshotRetainCount,
                    "must be at least 1");
            ConfigException.check(superDigest == null || superDigest.indexOf(':') > 0, "superDigest", superDigest,
                    "must look like user:base64digest");
            ConfigException.check(clientBindAddress != null && !clientBindAddress.isBlank(), "clientPortAddress",
                    clientBindAddress, "must not be empty");
            ConfigException.check(dataDir != null, "dataDir", dataDir, "must be set");
            ConfigException.check(containerCheckIntervalMillis > 0, "znode.container.checkIntervalMs",
                    containerCheckIntervalMillis, "must be positive");
            return new ServerConfig(clientPort, clientBindAddress, dataDir, dataLogDir == null ? dataDir : dataLogDir,
                    tickTimeMillis, min, max, maxClientConnectionsPerAddress, maxPacketBytes,
                    maxOutstandingRequestsPerConnection, extendedTypesEnabled, superDigest, snapshotEveryTxns,
                    snapshotRetainCount, containerCheckIntervalMillis);
        }
    }
}
