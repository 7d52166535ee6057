package io.chorus.server.net;

/** Where decoded packets go: the node's driver. Called on Netty event loops; must not block. */
public interface ClientRequestSink {
    void connect(ClientConnection connection, ConnectPacket packet);

    void request(ClientConnection connection, RequestPacket packet);

    void disconnected(ClientConnection connection);
}
