package io.chorus.server.wiring;

import io.chorus.api.spi.DurableMetadata;
import io.chorus.api.spi.StateSnapshots;
import io.chorus.server.config.ServerConfig;
import io.chorus.server.node.DurableLog;

/**
 * What a consensus protocol module may build its protocol from: the node's configuration and durable state.
 *
 * @param config    the node's configuration (its ensemble, timing)
 * @param metadata  durable small values (epochs, promises)
 * @param log       the node's write-ahead log, read on its own thread
 * @param snapshots the driver's applied state, for a follower that needs a whole snapshot
 */
public record ProtocolContext(ServerConfig config, DurableMetadata metadata, DurableLog log,
        StateSnapshots snapshots) {
}
