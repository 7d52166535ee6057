package io.chorus.client;

import io.chorus.api.ReadConsistency;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Everything a client is configured with, each bound named with its unit. Build one with
 * {@link #of(String, int)} and adjust it with the {@code with…} methods; every constructor call checks the
 * values, so an instance is always usable.
 *
 * @param servers                     the servers to connect to, tried in turn
 * @param sessionTimeoutMillis        the session timeout to ask for; the server may grant another
 * @param connectTimeoutMillis        how long establishing the first session may take in all, across servers
 * @param connectAttemptTimeoutMillis how long one attempt (TCP connect plus session handshake) may take
 * @param requestTimeoutMillis        how long a reply may take before the call fails with REQUESTTIMEOUT and
 *                                    the connection is dropped (replies arrive in order, so a missing one
 *                                    stalls all later ones); 0 disables the bound, as in ZooKeeper
 * @param closeTimeoutMillis          how long {@code close} waits for the server to confirm closeSession
 * @param maxPacketBytes              the largest incoming frame (after the 4-byte length); a larger one drops
 *                                    the connection. 1 MiB by default, like ZooKeeper's jute.maxbuffer
 * @param maxRequestBytes             the largest outgoing frame; a larger request is refused before sending.
 *                                    Defaults to 0xfffff, the largest frame a ZooKeeper server accepts by default
 * @param maxInFlightRequests         requests sent and not yet answered; beyond it calls fail with THROTTLEDOP
 * @param reconnectBackoffMinMillis   the pause after a round of failed attempts, doubled per further round
 * @param reconnectBackoffMaxMillis   the longest pause between reconnection rounds
 * @param readConsistency             the read consistency this session asks every server it connects to for
 *                                    (Chorus's extension); null leaves the server's default (ZooKeeper's reads)
 */
public record ClientConfig(
        List<InetSocketAddress> servers,
        int sessionTimeoutMillis,
        int connectTimeoutMillis,
        int connectAttemptTimeoutMillis,
        int requestTimeoutMillis,
        int closeTimeoutMillis,
        int maxPacketBytes,
        int maxRequestBytes,
        int maxInFlightRequests,
        int reconnectBackoffMinMillis,
        int reconnectBackoffMaxMillis,
        ReadConsistency readConsistency) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 15_000;
    public static final int DEFAULT_CLOSE_TIMEOUT_MILLIS = 5_000;
    public static final int DEFAULT_MAX_PACKET_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 0xfffff;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 10_000;
    public static final int DEFAULT_RECONNECT_BACKOFF_MIN_MILLIS = 10;
    public static final int DEFAULT_RECONNECT_BACKOFF_MAX_MILLIS = 2_000;
    /** Frames must hold at least a connect response; smaller bounds are configuration mistakes. */
    public static final int MIN_PACKET_BYTES = 512;
    /** Frames are buffered whole, so the bound stays well inside a heap. */
    public static final int MAX_PACKET_BYTES = 256 << 20;
    /** Per-attempt timeout bounds for the default: a share of the session timeout, within these. */
    private static final int DEFAULT_ATTEMPT_MILLIS_MIN = 1_000;
    private static final int DEFAULT_ATTEMPT_MILLIS_MAX = 10_000;

    public ClientConfig {
        Objects.requireNonNull(servers, "servers");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no servers");
        }
        servers = List.copyOf(servers);
        positive("sessionTimeoutMillis", sessionTimeoutMillis);
        positive("connectTimeoutMillis", connectTimeoutMillis);
        positive("connectAttemptTimeoutMillis", connectAttemptTimeoutMillis);
        if (requestTimeoutMillis < 0) {
            throw new IllegalArgumentException("requestTimeoutMillis must be >= 0 (0 = none): " + requestTimeoutMillis);
        }
        positive("closeTimeoutMillis", closeTimeoutMillis);
        within("maxPacketBytes", maxPacketBytes);
        within("maxRequestBytes", maxRequestBytes);
        positive("maxInFlightRequests", maxInFlightRequests);
        positive("reconnectBackoffMinMillis", reconnectBackoffMinMillis);
        if (reconnectBackoffMaxMillis < reconnectBackoffMinMillis) {
            throw new IllegalArgumentException("reconnectBackoffMaxMillis " + reconnectBackoffMaxMillis
                    + " < reconnectBackoffMinMillis " + reconnectBackoffMinMillis);
        }
    }

    /** A configuration with the defaults above for the servers of a ZooKeeper connect string. */
    public static ClientConfig of(String connectString, int sessionTimeoutMillis) {
        List<InetSocketAddress> servers = ConnectString.parse(connectString);
        int attemptMillis = defaultAttemptMillis(sessionTimeoutMillis, servers.size());
        return new ClientConfig(servers, sessionTimeoutMillis, DEFAULT_CONNECT_TIMEOUT_MILLIS, attemptMillis, 0,
                DEFAULT_CLOSE_TIMEOUT_MILLIS, DEFAULT_MAX_PACKET_BYTES, DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_MAX_IN_FLIGHT_REQUESTS, DEFAULT_RECONNECT_BACKOFF_MIN_MILLIS,
                DEFAULT_RECONNECT_BACKOFF_MAX_MILLIS, null);
    }

    /** Also resets connectAttemptTimeoutMillis to its default share of the new session timeout. */
    public ClientConfig withSessionTimeoutMillis(int millis) {
        return new ClientConfig(servers, millis, connectTimeoutMillis, defaultAttemptMillis(millis, servers.size()),
                requestTimeoutMillis, closeTimeoutMillis, maxPacketBytes, maxRequestBytes, maxInFlightRequests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, readConsistency);
    }

    public ClientConfig withConnectTimeoutMillis(int millis) {
        return new ClientConfig(servers, sessionTimeoutMillis, millis, connectAttemptTimeoutMillis,
                requestTimeoutMillis, closeTimeoutMillis, maxPacketBytes, maxRequestBytes, maxInFlightRequests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, readConsistency);
    }

    public ClientConfig withConnectAttemptTimeoutMillis(int millis) {
        return new ClientConfig(servers, sessionTimeoutMillis, connectTimeoutMillis, millis,
                requestTimeoutMillis, closeTimeoutMillis, maxPacketBytes, maxRequestBytes, maxInFlightRequests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, readConsistency);
    }

    public ClientConfig withRequestTimeoutMillis(int millis) {
        return new ClientConfig(servers, sessionTimeoutMillis, connectTimeoutMillis, connectAttemptTimeoutMillis,
                millis, closeTimeoutMillis, maxPacketBytes, maxRequestBytes, maxInFlightRequests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, readConsistency);
    }

    public ClientConfig withCloseTimeoutMillis(int millis) {
        return new ClientConfig(servers, sessionTimeoutMillis, connectTimeoutMillis, connectAttemptTimeoutMillis,
                requestTimeoutMillis, millis, maxPacketBytes, maxRequestBytes, maxInFlightRequests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, readConsistency);
    }

    public ClientConfig withMaxPacketBytes(int bytes) {
        return new ClientConfig(servers, sessionTimeoutMillis, connectTimeoutMillis, connectAttemptTimeoutMillis,
                requestTimeoutMillis, closeTimeoutMillis, bytes, maxRequestBytes, maxInFlightRequests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, readConsistency);
    }

    public ClientConfig withMaxRequestBytes(int bytes) {
        return new ClientConfig(servers, sessionTimeoutMillis, connectTimeoutMillis, connectAttemptTimeoutMillis,
                requestTimeoutMillis, closeTimeoutMillis, maxPacketBytes, bytes, maxInFlightRequests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, readConsistency);
    }

    public ClientConfig withMaxInFlightRequests(int requests) {
        return new ClientConfig(servers, sessionTimeoutMillis, connectTimeoutMillis, connectAttemptTimeoutMillis,
                requestTimeoutMillis, closeTimeoutMillis, maxPacketBytes, maxRequestBytes, requests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, readConsistency);
    }

    public ClientConfig withReconnectBackoffMillis(int minMillis, int maxMillis) {
        return new ClientConfig(servers, sessionTimeoutMillis, connectTimeoutMillis, connectAttemptTimeoutMillis,
                requestTimeoutMillis, closeTimeoutMillis, maxPacketBytes, maxRequestBytes, maxInFlightRequests,
                minMillis, maxMillis, readConsistency);
    }

    /** The session's read consistency, asked of each server on connecting; null for the server's default. */
    public ClientConfig withReadConsistency(ReadConsistency consistency) {
        return new ClientConfig(servers, sessionTimeoutMillis, connectTimeoutMillis, connectAttemptTimeoutMillis,
                requestTimeoutMillis, closeTimeoutMillis, maxPacketBytes, maxRequestBytes, maxInFlightRequests,
                reconnectBackoffMinMillis, reconnectBackoffMaxMillis, consistency);
    }

    /** A share of the session timeout per server (ZooKeeper's choice), kept within sensible bounds. */
    private static int defaultAttemptMillis(int sessionTimeoutMillis, int serverCount) {
        return Math.max(DEFAULT_ATTEMPT_MILLIS_MIN,
                Math.min(DEFAULT_ATTEMPT_MILLIS_MAX, sessionTimeoutMillis / serverCount));
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    private static void within(String name, int bytes) {
        if (bytes < MIN_PACKET_BYTES || bytes > MAX_PACKET_BYTES) {
            throw new IllegalArgumentException(name + " must be within " + MIN_PACKET_BYTES + ".." + MAX_PACKET_BYTES
                    + " bytes: " + bytes);
        }
    }
}
