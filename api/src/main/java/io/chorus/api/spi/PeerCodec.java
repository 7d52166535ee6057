package io.chorus.api.spi;

import java.io.IOException;

/**
 * The wire form of one protocol's {@link PeerMessage}s, for a peer transport that frames and carries them without
 * knowing what they mean. Each protocol module provides one.
 */
public interface PeerCodec {
    /** Which of a server's two peer ports a message travels on ({@code server.N=host:quorumPort:electionPort}). */
    enum Channel { ELECTION, QUORUM }

    byte[] encode(PeerMessage message);

    /** @throws IOException naming the problem when {@code frame} is not a message of this protocol */
    PeerMessage decode(byte[] frame) throws IOException;

    Channel channelOf(PeerMessage message);
}
