package io.chorus.server.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ensemble this node belongs to, from zoo.cfg's {@code server.N} lines and its quorum keys. Absent
 * ({@code ServerConfig.ensemble() == null}) when the node runs standalone. A single server line is an
 * ensemble of one; an even number of servers is allowed but logged, since the last one adds no fault
 * tolerance.
 *
 * @param myId                       this server's id (zoo.cfg's {@code dataDir/myid}), one of {@code servers}
 * @param servers                    every member, in id order
 * @param initLimitTicks             ticks a follower may take to connect and sync with the leader (initLimit)
 * @param syncLimitTicks             ticks a follower may fall behind the leader before it is dropped (syncLimit)
 * @param electionFinalizeWaitMillis how long an election waits for more votes once it has a quorum
 *                                   (ZooKeeper's finalizeWait)
 * @param protocol                   the consensus protocol the ensemble runs ({@link #SUPPORTED_PROTOCOLS})
 * @param quorumListenOnAllIPs       quorum and election ports bind every address, not only the server line's host
 */
public record EnsembleConfig(
        int myId,
        List<PeerAddress> servers,
        int initLimitTicks,
        int syncLimitTicks,
        int electionFinalizeWaitMillis,
        String protocol,
        boolean quorumListenOnAllIPs) {

    /** Server ids ride in the top byte of session ids, so they fit in 1..255. */
    public static final int ID_MIN = 1;
    public static final int ID_MAX = 255;
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("zab", "paxos-lite");

    private static final Logger LOG = LoggerFactory.getLogger(EnsembleConfig.class);

    /** Validates the members; a refused value names its zoo.cfg key. */
    public EnsembleConfig {
        Objects.requireNonNull(servers, "servers");
        Objects.requireNonNull(protocol, "protocol");
        ConfigException.check(!servers.isEmpty(), "server.N", servers, "an ensemble needs at least one server line");
        servers = sortedById(servers);
        checkDistinctEndpoints(servers);
        ConfigException.check(ids(servers).contains(myId), "myid", myId,
                "server " + myId + " is not in the ensemble " + ids(servers));
        checkQuorumSettings(initLimitTicks, syncLimitTicks, electionFinalizeWaitMillis, protocol);
        if (servers.size() % 2 == 0) {
            LOG.warn("The ensemble has an even number of servers ({}): it survives no more failures than {} would",
                    servers.size(), servers.size() - 1);
        }
    }

    /** This server's own line. */
    public PeerAddress me() {
        for (PeerAddress server : servers) {
            if (server.id() == myId) {
                return server;
            }
        }
        throw new IllegalStateException("server " + myId + " is not in " + servers);
    }

    /** Every member's id, ascending. */
    public List<Integer> ids() {
        return ids(servers);
    }

    /** How many servers make a majority. */
    public int quorumSize() {
        return servers.size() / 2 + 1;
    }

    static void checkQuorumSettings(int initLimitTicks, int syncLimitTicks, int electionFinalizeWaitMillis,
            String protocol) {
        ConfigException.check(initLimitTicks > 0, "initLimit", initLimitTicks, "must be a positive number of ticks");
        ConfigException.check(syncLimitTicks > 0, "syncLimit", syncLimitTicks, "must be a positive number of ticks");
        ConfigException.check(electionFinalizeWaitMillis >= 0, "electionFinalizeWaitMillis",
                electionFinalizeWaitMillis, "must not be negative");
        ConfigException.check(protocol != null && SUPPORTED_PROTOCOLS.contains(protocol), "protocol", protocol,
                "is not supported; supported: " + String.join(", ", SUPPORTED_PROTOCOLS));
    }

    /** Refuses an id outside 1..255 or a port outside 1..65535; the message names the server's key. */
    static void checkMember(PeerAddress server) {
        String key = "server." + server.id();
        ConfigException.check(server.id() >= ID_MIN && server.id() <= ID_MAX, key, server.id(),
                "server ids must be " + ID_MIN + ".." + ID_MAX + " (session ids carry the server id in their top byte)");
        ConfigException.check(!server.host().isBlank(), key, server, "host must not be empty");
        checkPort(key, "quorum", server.quorumPort());
        checkPort(key, "election", server.electionPort());
        if (server.clientPort() != -1) {
            checkPort(key, "client", server.clientPort());
        }
    }

    private static void checkPort(String key, String which, int port) {
        ConfigException.check(port >= 1 && port <= 65535, key, port, which + " port must be 1..65535");
    }

    private static List<PeerAddress> sortedById(List<PeerAddress> servers) {
        Map<Integer, PeerAddress> byId = new HashMap<>();
        for (PeerAddress server : servers) {
            Objects.requireNonNull(server, "server");
            checkMember(server);
            PeerAddress earlier = byId.putIfAbsent(server.id(), server);
            ConfigException.check(earlier == null, "server." + server.id(), server.id(), "duplicate server id");
        }
        List<PeerAddress> sorted = new ArrayList<>(servers);
        sorted.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return List.copyOf(sorted);
    }

    /** No two ports of the ensemble (quorum, election, client) may be the same host:port. */
    private static void checkDistinctEndpoints(List<PeerAddress> servers) {
        Map<String, String> owners = new HashMap<>();
        for (PeerAddress server : servers) {
            String key = "server." + server.id();
            Set<Integer> own = new HashSet<>();
            for (int port : new int[] {server.quorumPort(), server.electionPort(), server.clientPort()}) {
                if (port == -1) {
                    continue;
                }
                String endpoint = server.host() + ":" + port;
                ConfigException.check(own.add(port), key, endpoint, "uses the same port twice");
                String owner = owners.putIfAbsent(endpoint, key);
                ConfigException.check(owner == null, key, endpoint, "address already used by " + owner);
            }
        }
    }

    private static List<Integer> ids(List<PeerAddress> servers) {
        return servers.stream().map(PeerAddress::id).toList();
    }
}
