/**
 * The Netty side of a client connection: framing, encoding packets, decoding replies into jute records, idle
 * timers. Reports everything to a {@link io.chorus.client.transport.TransportListener} and decides nothing.
 * Depends on Netty and the jute records only.
 */
package io.chorus.client.transport;
