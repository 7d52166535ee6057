/**
 * The peer transport: TCP connections between ensemble members, one per pair of servers per channel (the
 * election port and the quorum port), carrying a consensus protocol's {@link io.chorus.api.spi.PeerMessage}s
 * as length-prefixed frames of its {@link io.chorus.api.spi.PeerCodec}'s bytes.
 *
 * <p>The lower id dials, the higher id accepts; a handshake (magic, wire version, channel, both ids and a
 * fingerprint of the ensemble) comes first on each connection. Frames and send queues are bounded; a bad peer
 * costs its own connection, never the server. Built on Netty; nothing here blocks an event loop. May depend on
 * {@code api}, the server's {@code config} and Netty, never on a protocol module's internals.
 */
package io.chorus.server.peer;
