package io.chorus.bench.process;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Tells when a starting server serves: a bare protocol exchange ({@link WireProbe}) opens a session and,
 * when a path is given, reads it. Between attempts the probe waits on the process itself, so a server
 * that dies is reported at once, with its log.
 */
public final class ReadinessProbe {
    /** The pause between attempts, which is also the resolution of a measured start time. */
    static final long POLL_INTERVAL_MILLIS = 10;

    private ReadinessProbe() {
    }

    /** True when a server speaking the ZooKeeper client protocol grants a session at {@code address} now. */
    public static boolean servesNow(InetSocketAddress address) {
        return WireProbe.servedAt(address.getAddress().getHostAddress(), address.getPort(), null) != WireProbe.NOT_SERVED;
    }

    /**
     * Blocks until {@code server} serves a read of {@code path} (or, when null, grants a session) and
     * returns the {@link System#nanoTime()} at which it did.
     *
     * @throws BenchException if the server exits, does not serve within {@code timeout}, or serves
     *                        without {@code path} (an acknowledged write lost)
     */
    public static long awaitServing(ServerProcess server, String path, Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!server.isAlive()) {
                throw new BenchException(server + " exited with code " + server.exitCodeOrMinusOne()
                        + " before serving; last lines of its log:\n" + server.logTail());
            }
            long servedNanos;
            try {
                servedNanos = WireProbe.servedAt(Loopback.HOST, server.port(), path);
            } catch (BenchException lost) {
                throw new BenchException(server + ": " + lost.getMessage());
            }
            if (servedNanos != WireProbe.NOT_SERVED) {
                return servedNanos;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new BenchException(server + " did not serve within " + timeout.toMillis()
                        + " ms; last lines of its log:\n" + server.logTail());
            }
            server.awaitExit(POLL_INTERVAL_MILLIS);
        }
    }
}
