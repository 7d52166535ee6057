package io.chorus.bench.process;

import java.util.Locale;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Which of the stock ZooKeeper client's two socket implementations a load session uses (its
 * {@code zookeeper.clientCnxnSocket} setting), set per session so one run can hold either.
 *
 * <p>They cost the load generator very different CPU, which matters because it shares the machine with
 * the server it measures. {@link #NIO}, the client's default, reads a reply in two system calls (its
 * length, then its body), writes one request per system call, and selects before each. {@link #NETTY}
 * reads whatever has arrived and decodes every whole reply in it, and writes what is queued in one flush,
 * but runs an event-loop thread per session, so it pays off with few sessions and deep pipelines.
 */
public enum ClientTransport {
    NIO("org.apache.zookeeper.ClientCnxnSocketNIO"),
    NETTY("org.apache.zookeeper.ClientCnxnSocketNetty");

    private final String socketClass;

    ClientTransport(String socketClass) {
        this.socketClass = socketClass;
    }

    /** The transport named {@code nio} or {@code netty}, in any case. */
    public static ClientTransport of(String label) {
        for (ClientTransport transport : values()) {
            if (transport.name().equalsIgnoreCase(label)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("client transport must be nio or netty, got '" + label + "'");
    }

    /** The name the command line uses. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A client configuration (system properties as its base) that selects this transport. */
    public ZKClientConfig clientConfig() {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, socketClass);
        return config;
    }
}
