package io.chorus.server.peer;

import io.chorus.api.spi.PeerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection the transport keeps with a peer on a channel. A new connection replaces the current one
 * (the peer restarted); the listener hears up and down in order, one down for each up.
 */
final class PeerSlot {
    private static final Logger LOG = LoggerFactory.getLogger(PeerSlot.class);

    final int peer;
    final PeerCodec.Channel kind;
    private final PeerTransport.PeerListener listener;
    private volatile PeerConnection current;

    PeerSlot(int peer, PeerCodec.Channel kind, PeerTransport.PeerListener listener) {
        this.peer = peer;
        this.kind = kind;
        this.listener = listener;
    }

    PeerConnection current() {
        return current;
    }

    synchronized void up(PeerConnection connection) {
        PeerConnection old = current;
        current = connection;
        if (old != null) {
            LOG.info("{} replaces the previous one {}", connection, old.channel.remoteAddress());
            notifyListener(false);
            old.close();
        } else {
            LOG.info("{} is up", connection);
        }
        notifyListener(true);
    }

    /** Called once a connection closes; reports it down when it was the current one. */
    synchronized void closed(PeerConnection connection) {
        if (current != connection) {
            return;
        }
        current = null;
        LOG.info("{} is down", connection);
        notifyListener(false);
    }

    private void notifyListener(boolean up) {
        try {
            listener.connectionChanged(peer, kind, up);
        } catch (RuntimeException e) {
            LOG.error("peer listener failed on {} connection with peer {} going {}", kind, peer, up ? "up" : "down", e);
        }
    }
}
