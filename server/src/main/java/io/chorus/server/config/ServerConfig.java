package io.chorus.server.config;

import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * @param readConsistency                     the read consistency of sessions that did not choose one
 *                                            (readConsistency=local|sync|leader|linearizable)
 * @param linearizableReads                   how a leader confirms LINEARIZABLE reads: a quorum round
 *                                            (readindex) or a lease (lease)
 * @param leaseClockDriftMillis               lease reads: how much faster one server's clock may run than
 *                                            another's over syncLimit; the lease is shortened by it
 * @param ensemble                            the ensemble this node is a member of, or null when standalone
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
        int containerCheckIntervalMillis,
        ReadConsistency readConsistency,
        LeaderReadMode linearizableReads,
        int leaseClockDriftMillis,
        EnsembleConfig ensemble) {

    /** 1 MiB - 1, ZooKeeper's default jute.maxbuffer. */
    public static final int DEFAULT_MAX_PACKET_BYTES = 0xfffff;

    public ServerConfig {
        Objects.requireNonNull(clientBindAddress, "clientBindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dataLogDir, "dataLogDir");
        Objects.requireNonNull(readConsistency, "readConsistency");
        Objects.requireNonNull(linearizableReads, "linearizableReads");
    }

    /** ZooKeeper's client port, used when neither clientPort nor this server's line names one. */
    public static final int DEFAULT_CLIENT_PORT = 2181;

    /** The file in dataDir holding this server's id, as ZooKeeper names it. */
    public static final String MY_ID_FILE = "myid";

    /** True when this node is one member of an ensemble rather than standalone. */
    public boolean isEnsemble() {
        return ensemble != null;
    }

    /** The embedded defaults: standalone, port 2181 on all addresses, data under ./chorus-data. */
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
        b.readConsistency = readConsistency;
        b.linearizableReads = linearizableReads;
        b.leaseClockDriftMillis = leaseClockDriftMillis;
        if (ensemble != null) {
            b.myId = ensemble.myId();
            b.servers = new ArrayList<>(ensemble.servers());
            b.initLimitTicks = ensemble.initLimitTicks();
            b.syncLimitTicks = ensemble.syncLimitTicks();
            b.electionFinalizeWaitMillis = ensemble.electionFinalizeWaitMillis();
            b.protocol = ensemble.protocol();
            b.quorumListenOnAllIPs = ensemble.quorumListenOnAllIPs();
        }
        return b;
    }

    /**
     * Mutable holder of the fields, starting from the embedded defaults. Session timeout bounds left at -1
     * follow the tick (2x and 20x), as in ZooKeeper; the log directory left null follows the data directory.
     * With {@link #servers} empty the node is standalone and the quorum fields are only range-checked.
     */
    public static final class Builder {
        /** Client port; -1 = this server's line's client port, else {@link #DEFAULT_CLIENT_PORT}. */
        public int clientPort = -1;
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
        public ReadConsistency readConsistency = ReadConsistency.LOCAL;
        public LeaderReadMode linearizableReads = LeaderReadMode.READ_INDEX;
        /** A tenth of the default syncLimit (5 ticks of 2 s): generous for NTP-disciplined clocks. */
        public int leaseClockDriftMillis = 1_000;
        /** The server.N lines; empty = standalone. */
        public List<PeerAddress> servers = new ArrayList<>();
        /** This server's id; -1 = read it from dataDir/myid (only when there are server lines). */
        public int myId = -1;
        public int initLimitTicks = 10;
        public int syncLimitTicks = 5;
        /** ZooKeeper's finalizeWait. */
        public int electionFinalizeWaitMillis = 200;
        public String protocol = "zab";
        public boolean quorumListenOnAllIPs = false;

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

        public Builder myId(int id) {
            this.myId = id;
            return this;
        }

        public Builder server(PeerAddress server) {
            this.servers.add(server);
            return this;
        }

        /** Validates every field; an invalid value is refused with a message naming its key. */
        public ServerConfig build() {
            EnsembleConfig ensemble = ensemble();
            int clientPort = clientPort(ensemble);
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
            long leaseMillis = (long) syncLimitTicks * tickTimeMillis;
            ConfigException.check(leaseClockDriftMillis >= 0 && (linearizableReads != LeaderReadMode.LEASE
                    || ensemble == null || leaseClockDriftMillis < leaseMillis), "leaseClockDriftMillis",
                    leaseClockDriftMillis, "must be 0 or more and, for lease reads, below syncLimit x tickTime ("
                    + leaseMillis + " ms)");
            return new ServerConfig(clientPort, clientBindAddress, dataDir, dataLogDir == null ? dataDir : dataLogDir,
                    tickTimeMillis, min, max, maxClientConnectionsPerAddress, maxPacketBytes,
                    maxOutstandingRequestsPerConnection, extendedTypesEnabled, superDigest, snapshotEveryTxns,
                    snapshotRetainCount, containerCheckIntervalMillis, readConsistency, linearizableReads,
                    leaseClockDriftMillis, ensemble);
        }

        private EnsembleConfig ensemble() {
            EnsembleConfig.checkQuorumSettings(initLimitTicks, syncLimitTicks, electionFinalizeWaitMillis, protocol);
            if (servers.isEmpty()) {
                ConfigException.check(myId == -1, "myId", myId,
                        "a server id is set but there are no server.N lines (this node would run standalone)");
                return null;
            }
            servers.forEach(EnsembleConfig::checkMember);
            int id = myId;
            String source = "given as myId";
            if (id == -1) {
                ConfigException.check(dataDir != null, "dataDir", null, "must be set to find myid");
                Path file = dataDir.resolve(MY_ID_FILE);
                id = readMyId(file);
                source = "from " + file;
            }
            List<Integer> ids = servers.stream().map(PeerAddress::id).sorted().toList();
            ConfigException.check(ids.contains(id), "myid", id,
                    "server " + id + " (" + source + ") is not in the ensemble " + ids);
            return new EnsembleConfig(id, servers, initLimitTicks, syncLimitTicks, electionFinalizeWaitMillis,
                    protocol, quorumListenOnAllIPs);
        }

        /** Refuses a clientPort that differs from the one this server's own line gives. */
        private int clientPort(EnsembleConfig ensemble) {
            int fromLine = ensemble == null ? -1 : ensemble.me().clientPort();
            if (fromLine == -1) {
                return clientPort == -1 ? DEFAULT_CLIENT_PORT : clientPort;
            }
            ConfigException.check(clientPort == -1 || clientPort == fromLine, "clientPort", clientPort,
                    "differs from " + fromLine + " given by this server's line server." + ensemble.myId());
            return fromLine;
        }

        private static int readMyId(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new ConfigException("myid", file, "cannot be read (an ensemble member needs its id in this "
                        + "file, one number on one line): " + e);
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new ConfigException("myid", file, "must hold one whole number, not '" + text + "'");
            }
        }
    }
}
