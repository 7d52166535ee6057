package io.chorus.zab;

import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import java.io.IOException;

/** Zab's messages for a peer transport: votes on the election port, everything else on the quorum port. */
public final class ZabPeerCodec implements PeerCodec {
    public static final ZabPeerCodec INSTANCE = new ZabPeerCodec();

    private ZabPeerCodec() {
    }

    @Override
    public byte[] encode(PeerMessage message) {
        if (!(message instanceof ZabMessage zab)) {
            throw new IllegalArgumentException("not a Zab message: " + message);
        }
        return ZabMessageCodec.encode(zab);
    }

    @Override
    public PeerMessage decode(byte[] frame) throws IOException {
        return ZabMessageCodec.decode(frame);
    }

    @Override
    public Channel channelOf(PeerMessage message) {
        return message instanceof ZabMessage.Notification ? Channel.ELECTION : Channel.QUORUM;
    }
}
