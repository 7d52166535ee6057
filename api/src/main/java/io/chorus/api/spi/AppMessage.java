package io.chorus.api.spi;

import java.util.Objects;

/**
 * An application message one server sent another through its protocol, opaque to the protocol: a learner's
 * {@link ConsensusProtocol#sendToLeader} (ZooKeeper's learners tell the leader this way which sessions their
 * clients kept alive, and forward reads to be served by the leader), or the leader's
 * {@link ConsensusProtocol#sendToFollower} (the answers to those reads). Not durable, not ordered with proposals.
 *
 * @param from  the server that sent it (this server itself for its own)
 * @param bytes what it sent
 */
public record AppMessage(int from, byte[] bytes) {
    public AppMessage {
        Objects.requireNonNull(bytes, "bytes");
    }
}
