package io.chorus.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientPortThreadsTest {
    @Test
    void eventLoopsGrowWithTheSquareRootOfHalfTheCoresAndNeverDropToZero() {
        assertThat(ClientPortServer.ioThreadsFor(1)).isEqualTo(1);
        assertThat(ClientPortServer.ioThreadsFor(2)).isEqualTo(1);
        assertThat(ClientPortServer.ioThreadsFor(8)).isEqualTo(2);
        assertThat(ClientPortServer.ioThreadsFor(32)).isEqualTo(4);
        assertThat(ClientPortServer.ioThreadsFor(128)).isEqualTo(8);
    }
}
