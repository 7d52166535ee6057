package io.chorus.client.transport;

/**
 * One frame to send: a request header (xid, type) and an encoded body, or — for the session handshake — the
 * ConnectRequest body alone, which ZooKeeper's protocol sends without a header.
 */
public record OutboundPacket(boolean hasHeader, int xid, int type, byte[] body) {

    public static OutboundPacket request(int xid, int type, byte[] body) {
        return new OutboundPacket(true, xid, type, body);
    }

    public static OutboundPacket handshake(byte[] connectRequest) {
        return new OutboundPacket(false, 0, 0, connectRequest);
    }

    /** The frame length that precedes it on the wire. */
    public int frameBytes() {
        return (hasHeader ? 8 : 0) + body.length;
    }
}
