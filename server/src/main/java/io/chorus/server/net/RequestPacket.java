package io.chorus.server.net;

import org.apache.jute.Record;

/**
 * A decoded request: header fields and the body record (null for bodiless types such as ping and
 * closeSession). {@code decodeError} is set when the header was readable but the body was not: the
 * request is answered with that error in order instead of dropping the connection.
 */
public record RequestPacket(int xid, int type, Record body, String decodeError) {
    public static RequestPacket of(int xid, int type, Record body) {
        return new RequestPacket(xid, type, body, null);
    }
}
