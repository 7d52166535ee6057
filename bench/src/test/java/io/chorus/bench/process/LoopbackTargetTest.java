package io.chorus.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LoopbackTargetTest {
    @Test
    void acceptsLoopbackTargetsByNameAndLiteral() {
        assertThat(Loopback.parseTarget("127.0.0.1:2181").getPort()).isEqualTo(2181);
        assertThat(Loopback.parseTarget("localhost:2181").getAddress().isLoopbackAddress()).isTrue();
        assertThat(Loopback.parseTarget("127.8.9.10:1").getAddress().isLoopbackAddress()).isTrue();
        assertThat(Loopback.parseTarget("[::1]:2181").getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void refusesTargetsOffThisMachine() {
        assertThatThrownBy(() -> Loopback.parseTarget("10.0.0.1:2181"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> Loopback.parseTarget("192.168.1.5:2181"))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> Loopback.parseTarget("8.8.8.8:53")).hasMessageContaining("not a loopback address");
    }

    @Test
    void refusesMalformedTargetsWithTheReason() {
        assertThatThrownBy(() -> Loopback.parseTarget("127.0.0.1")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> Loopback.parseTarget("127.0.0.1:")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> Loopback.parseTarget(":2181")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> Loopback.parseTarget("127.0.0.1:http")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Loopback.parseTarget("127.0.0.1:0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Loopback.parseTarget("127.0.0.1:65536")).hasMessageContaining("out of range");
    }

    @Test
    void bracketsIpv6InConnectStrings() {
        assertThat(Loopback.connectString(new InetSocketAddress("127.0.0.1", 2181))).isEqualTo("127.0.0.1:2181");
        assertThat(Loopback.connectString(Loopback.parseTarget("[::1]:2181"))).isEqualTo("[0:0:0:0:0:0:0:1]:2181");
    }

    @Test
    void freePortIsBindableOnLoopback() throws Exception {
        int port = Loopback.freePort();
        try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName(Loopback.HOST))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
