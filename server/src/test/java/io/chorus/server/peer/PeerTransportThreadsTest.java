package io.chorus.server.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerTransportThreadsTest {
    @Test
    void peerConnectionsShareOneEventLoopUnlessTheMachineHasCoresToSpare() {
        assertThat(PeerTransport.ioThreadsFor(1)).isEqualTo(1);
        assertThat(PeerTransport.ioThreadsFor(2)).isEqualTo(1);
        assertThat(PeerTransport.ioThreadsFor(4)).isEqualTo(1);
        assertThat(PeerTransport.ioThreadsFor(8)).isEqualTo(2);
        assertThat(PeerTransport.ioThreadsFor(64)).isEqualTo(2);
    }
}
