package io.chorus.testkit.sim;

import io.chorus.api.spi.ConsensusProtocol;

/** Builds a fresh protocol instance for a node at its first start and after every crash. */
@FunctionalInterface
public interface ProtocolFactory {
    ConsensusProtocol create(NodeContext context);
}
