package io.chorus.bench.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * The only addresses a benchmark may send traffic to. The load generator is for servers on this
 * machine; a target elsewhere is refused before a single request is sent.
 */
public final class Loopback {
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** Parses {@code host:port} and checks that the host resolves to a loopback address. */
    public static InetSocketAddress parseTarget(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("target must be host:port, got '" + hostAndPort + "'");
        }
        String host = hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target port is not a number in '" + hostAndPort + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("target port out of range 1..65535 in '" + hostAndPort + "'");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("target host '" + host + "' does not resolve", e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("target " + hostAndPort
                    + " is not a loopback address: the bench only loads servers on this machine");
        }
        return new InetSocketAddress(address, port);
    }

    /** A port that was free on the loopback interface a moment ago (the server that takes it may still race). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BenchException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** The ZooKeeper connect string of a socket address, IPv6 literals bracketed. */
    public static String connectString(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
