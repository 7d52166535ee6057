package io.chorus.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses ZooKeeper's connect string, {@code host:port,host:port}, into server addresses (left unresolved, so
 * that each connection attempt resolves afresh). A missing port means 2181, as in ZooKeeper; IPv6 hosts are
 * written in brackets, {@code [::1]:2181}. A chroot suffix ({@code host:port/app}) is refused: this client
 * does not rewrite paths, and silently ignoring the suffix would write outside the intended subtree.
 */
public final class ConnectString {
    /** ZooKeeper's client port, used when an entry names none. */
    public static final int DEFAULT_PORT = 2181;
    /** A bound on entries, so a malformed string cannot make the client hold a huge rotation. */
    public static final int MAX_SERVERS = 1_000;

    private ConnectString() {
    }

    public static List<InetSocketAddress> parse(String connectString) {
        if (connectString == null || connectString.isBlank()) {
            throw new IllegalArgumentException("connect string is empty");
        }
        String hosts = withoutRootSuffix(connectString.trim());
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : hosts.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (servers.size() == MAX_SERVERS) {
                throw new IllegalArgumentException("connect string names more than " + MAX_SERVERS + " servers");
            }
            servers.add(address(trimmed, connectString));
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("connect string names no server: \"" + connectString + "\"");
        }
        return List.copyOf(servers);
    }

    /** Strips a trailing "/" (the root, meaning no chroot) and refuses any other suffix. */
    private static String withoutRootSuffix(String connectString) {
        int slash = connectString.indexOf('/');
        if (slash < 0) {
            return connectString;
        }
        String suffix = connectString.substring(slash);
        if (!suffix.equals("/")) {
            throw new IllegalArgumentException("chroot suffix \"" + suffix + "\" is not supported in \""
                    + connectString + "\"; connect to the servers and use absolute paths");
        }
        return connectString.substring(0, slash);
    }

    private static InetSocketAddress address(String entry, String whole) {
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in \"" + entry + "\" of \"" + whole + "\"");
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':port' after ']' in \"" + entry + "\"");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = entry.lastIndexOf(':');
            if (colon >= 0 && entry.indexOf(':') != colon) {
                throw new IllegalArgumentException("IPv6 host must be in brackets: \"" + entry + "\"");
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host in \"" + entry + "\" of \"" + whole + "\"");
        }
        return InetSocketAddress.createUnresolved(host, port == null ? DEFAULT_PORT : port(port, entry));
    }

    private static int port(String text, String entry) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in \"" + entry + "\"", e);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " out of range 1..65535 in \"" + entry + "\"");
        }
        return port;
    }
}
