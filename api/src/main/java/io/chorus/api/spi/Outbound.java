package io.chorus.api.spi;

/** A message the driver must send to peer {@code to}. */
public record Outbound(int to, PeerMessage message) {
}
