/**
 * paxos-lite: Multi-Paxos behind the consensus SPI, the comparison module for Zab. Like {@code zab/} it is a
 * deterministic state machine that sees the world only through {@code io.chorus.api.spi}; the entry point is
 * {@link io.chorus.paxos.PaxosLiteProtocol}.
 */
package io.chorus.paxos;
