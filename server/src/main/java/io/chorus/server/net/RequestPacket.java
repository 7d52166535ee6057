package io.chorus.server.net;

import io.chorus.api.ReadConsistency;

import org.apache.jute.Record;

/**
 * A decoded request: header fields and the body record (null for bodiless types such as ping and
 * closeSession). {@code decodeError} is set when the header was readable but the body was not: the
 * request is answered with that error in order instead of dropping the connection. A Chorus
 * {@code CHORUS_READ} arrives unwrapped: the read's own type and body, with the {@code consistency} it asked
 * for (null for every other request, which reads at its session's consistency).
 */
public record RequestPacket(int xid, int type, Record body, String decodeError, ReadConsistency consistency) {
    public RequestPacket(int xid, int type, Record body, String decodeError) {
        this(xid, type, body, decodeError, null);
    }

    public static RequestPacket of(int xid, int type, Record body) {
        return new RequestPacket(xid, type, body, null, null);
    }

    /** A read asking for {@code consistency}, as a CHORUS_READ request decodes. */
    public static RequestPacket read(int xid, int type, Record body, ReadConsistency consistency) {
        return new RequestPacket(xid, type, body, null, java.util.Objects.requireNonNull(consistency, "consistency"));
    }
}
