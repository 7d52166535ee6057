package io.chorus.client.session;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Which server to try next and how long to wait first. Servers are tried in turn; after a connection that
 * worked is lost the next one is tried at once, and each server gets one prompt attempt per round. After a
 * whole round of failures the pause doubles per round from the minimum up to the maximum, with jitter (a
 * random point in its upper half) so that many clients do not return in step.
 */
final class ServerRotation {
    /** Doubling stops here; the maximum caps the pause long before. */
    private static final int DOUBLINGS_MAX = 20;

    private final List<InetSocketAddress> servers;
    private final long backoffMinMillis;
    private final long backoffMaxMillis;
    private final RandomGenerator random;
    private int next;

    ServerRotation(List<InetSocketAddress> servers, long backoffMinMillis, long backoffMaxMillis,
            RandomGenerator random) {
        if (servers.isEmpty() || backoffMinMillis <= 0 || backoffMaxMillis < backoffMinMillis) {
            throw new IllegalArgumentException("servers " + servers + ", backoff " + backoffMinMillis + ".."
                    + backoffMaxMillis);
        }
        this.servers = List.copyOf(servers);
        this.backoffMinMillis = backoffMinMillis;
        this.backoffMaxMillis = backoffMaxMillis;
        this.random = random;
    }

    InetSocketAddress next() {
        InetSocketAddress server = servers.get(next);
        next = (next + 1) % servers.size();
        return server;
    }

    /** The pause before the next attempt, after {@code failedAttempts} attempts failed in a row. */
    long pauseMillis(int failedAttempts) {
        int rounds = failedAttempts / servers.size();
        if (rounds == 0 || failedAttempts % servers.size() != 0) {
            return 0;
        }
        long pause = backoffMinMillis << Math.min(rounds - 1, DOUBLINGS_MAX);
        long capped = Math.min(pause, backoffMaxMillis);
        long half = capped / 2;
        return half + random.nextLong(capped - half + 1);
    }

    /** The servers as the connect string names them: {@code host:port, host:port}. */
    String names() {
        return servers.stream().map(ServerRotation::name).collect(Collectors.joining(", "));
    }

    static String name(InetSocketAddress server) {
        return server.getHostString() + ":" + server.getPort();
    }
}
