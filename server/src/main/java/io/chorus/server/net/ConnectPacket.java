package io.chorus.server.net;

/** The first packet of a connection: ZooKeeper's ConnectRequest. */
public record ConnectPacket(
        int protocolVersion, long lastZxidSeen, int timeoutMillis, long sessionId, byte[] password, boolean readOnly) {
}
