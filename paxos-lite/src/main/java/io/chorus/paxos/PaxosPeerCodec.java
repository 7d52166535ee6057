package io.chorus.paxos;

import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import java.io.IOException;

/**
 * paxos-lite's messages for a peer transport. Prepares and promises travel with everything else on the quorum
 * port: a promise carries log entries, and keeping one FIFO channel per pair means a leader's catch-up never
 * overtakes the prepare it answers.
 */
public final class PaxosPeerCodec implements PeerCodec {
    public static final PaxosPeerCodec INSTANCE = new PaxosPeerCodec();

    private PaxosPeerCodec() {
    }

    @Override
    public byte[] encode(PeerMessage message) {
        if (!(message instanceof PaxosMessage paxos)) {
            throw new IllegalArgumentException("not a paxos-lite message: " + message);
        }
        return PaxosMessageCodec.encode(paxos);
    }

    @Override
    public PeerMessage decode(byte[] frame) throws IOException {
        return PaxosMessageCodec.decode(frame);
    }

    @Override
    public Channel channelOf(PeerMessage message) {
        return Channel.QUORUM;
    }
}
