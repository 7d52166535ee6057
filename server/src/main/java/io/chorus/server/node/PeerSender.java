package io.chorus.server.node;

import io.chorus.api.spi.PeerMessage;

/** Where the driver's messages to other servers go: the peer transport, or nowhere for a node alone. */
public interface PeerSender {
    /** Queues {@code message} for {@code to}; never blocks. */
    void send(int to, PeerMessage message);

    /** Sends what was queued since the last flush (once per driver batch). */
    void flush();

    PeerSender NONE = new PeerSender() {
        @Override
        public void send(int to, PeerMessage message) {
            throw new IllegalStateException("a node alone has no peer " + to + " to send " + message + " to");
        }

        @Override
        public void flush() {
        }
    };
}
