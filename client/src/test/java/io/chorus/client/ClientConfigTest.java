package io.chorus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientConfigTest {
    private final ClientConfig defaults = ClientConfig.of("zk1:2181,zk2:2181", 10_000);

    @Test
    void defaultsFollowZooKeeper() {
        assertThat(defaults.maxPacketBytes()).isEqualTo(1 << 20);
        assertThat(defaults.maxRequestBytes()).isEqualTo(0xfffff);
        assertThat(defaults.requestTimeoutMillis()).as("no request timeout").isZero();
        assertThat(defaults.connectAttemptTimeoutMillis()).as("a share of the session timeout per server")
                .isEqualTo(5_000);
    }

    @Test
    void packetBoundsAreCheckedAtBothEnds() {
        assertThat(defaults.withMaxPacketBytes(ClientConfig.MIN_PACKET_BYTES).maxPacketBytes())
                .isEqualTo(ClientConfig.MIN_PACKET_BYTES);
        assertThat(defaults.withMaxPacketBytes(ClientConfig.MAX_PACKET_BYTES).maxPacketBytes())
                .isEqualTo(ClientConfig.MAX_PACKET_BYTES);
        assertThatThrownBy(() -> defaults.withMaxPacketBytes(ClientConfig.MIN_PACKET_BYTES - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPacketBytes");
        assertThatThrownBy(() -> defaults.withMaxRequestBytes(ClientConfig.MAX_PACKET_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRequestBytes");
    }

    @Test
    void timesMustBePositiveExceptTheOptionalRequestTimeout() {
        assertThat(defaults.withRequestTimeoutMillis(0).requestTimeoutMillis()).isZero();
        assertThatThrownBy(() -> defaults.withRequestTimeoutMillis(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withConnectTimeoutMillis(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withCloseTimeoutMillis(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxInFlightRequests(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientConfig.of("zk1", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBackoffRangeMustBeOrdered() {
        assertThat(defaults.withReconnectBackoffMillis(5, 5).reconnectBackoffMaxMillis()).isEqualTo(5);
        assertThatThrownBy(() -> defaults.withReconnectBackoffMillis(10, 9))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
