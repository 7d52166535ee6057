package io.chorus.server.net;

import java.util.List;

/** Where decoded packets go: the node's driver. Called on Netty event loops; must not block. */
public interface ClientRequestSink {
    void connect(ClientChannel connection, ConnectPacket packet);

    void request(ClientChannel connection, RequestPacket packet);

    /**
     * The requests one read from the connection's socket decoded, in order. A sink that crosses threads
     * overrides this to hand them over at once rather than one by one.
     */
    default void requests(ClientChannel connection, List<RequestPacket> packets) {
        for (RequestPacket packet : packets) {
            request(connection, packet);
        }
    }

    void disconnected(ClientChannel connection);
}
