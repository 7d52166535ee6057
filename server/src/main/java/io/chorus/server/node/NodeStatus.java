package io.chorus.server.node;

import io.chorus.api.spi.Leadership;

/**
 * What a node publishes about itself for operators, readable from any thread at once (the driver publishes it
 * once per batch): never a reason to ask the driver thread and wait.
 */
public interface NodeStatus {
    Leadership leadership();

    long lastAppliedZxid();

    int nodeCount();

    /** The tree's digest as of {@link #lastAppliedZxid()}: servers with equal trees show equal digests. */
    long treeDigest();
}
