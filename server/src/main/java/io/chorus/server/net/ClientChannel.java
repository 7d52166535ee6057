package io.chorus.server.net;

import java.net.InetSocketAddress;

/**
 * One client's connection as the request pipeline sees it: where its replies and notifications go and
 * how it is closed. The client port implements it over a Netty channel ({@link ClientConnection}); the
 * simulator implements it over its simulated network, so the same pipeline serves both. Every method is
 * called on the driver thread only.
 */
public interface ClientChannel {
    /** Keeps a packet (a reply or a notification) for the next {@link #flush}. */
    void write(Object packet);

    /** Sends what was written since the last flush, in order. */
    void flush();

    /** One request has been answered (the client port resumes reading under its bound). */
    void replied();

    /** Flushes what is queued, then closes, logging why. */
    void close(String reason);

    boolean isOpen();

    /** The client's address, or null when unknown. */
    InetSocketAddress remote();

    /** The session this connection belongs to, 0 before its connect is answered. */
    long sessionId();

    void sessionId(long id);
}
