package io.chorus.api.spi;

import java.util.Objects;

/**
 * An application message a server sent to the leader with {@link ConsensusProtocol#sendToLeader}, as the
 * leader's driver receives it: ZooKeeper's learners tell the leader this way which sessions their
 * clients kept alive, since the leader alone expires sessions. Opaque to the protocol.
 *
 * @param from  the server that sent it (the leader itself for its own)
 * @param bytes what it sent
 */
public record LearnerMessage(int from, byte[] bytes) {
    public LearnerMessage {
        Objects.requireNonNull(bytes, "bytes");
    }
}
