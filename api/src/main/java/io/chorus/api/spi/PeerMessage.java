package io.chorus.api.spi;

/** A message between consensus peers; each protocol defines its own and the codec that frames them. */
public interface PeerMessage {
}
