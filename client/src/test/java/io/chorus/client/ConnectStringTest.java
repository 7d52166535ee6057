package io.chorus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectStringTest {
    @Test
    void parsesHostsAndPortsInOrder() {
        assertThat(ConnectString.parse("zk1:2181, zk2:2182,10.0.0.3:2183")).containsExactly(
                InetSocketAddress.createUnresolved("zk1", 2181),
                InetSocketAddress.createUnresolved("zk2", 2182),
                InetSocketAddress.createUnresolved("10.0.0.3", 2183));
    }

    @Test
    void aMissingPortMeansZooKeepersDefault() {
        assertThat(ConnectString.parse("zk1")).containsExactly(InetSocketAddress.createUnresolved("zk1", 2181));
    }

    @Test
    void ipv6HostsAreWrittenInBrackets() {
        assertThat(ConnectString.parse("[::1]:2181,[fe80::1]")).containsExactly(
                InetSocketAddress.createUnresolved("::1", 2181),
                InetSocketAddress.createUnresolved("fe80::1", 2181));
    }

    @Test
    void aRootSuffixIsNoChroot() {
        assertThat(ConnectString.parse("zk1:2181/")).containsExactly(InetSocketAddress.createUnresolved("zk1", 2181));
    }

    @Test
    void aChrootIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> ConnectString.parse("zk1:2181/app")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chroot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", "zk1:0", "zk1:65536", "zk1:port", ":2181", "::1:2181", "[::1", "[::1]x"})
    void refusesMalformedStrings(String connectString) {
        assertThatThrownBy(() -> ConnectString.parse(connectString)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMoreThanMaxServers() {
        String servers = "h:1,".repeat(ConnectString.MAX_SERVERS);

        assertThat(ConnectString.parse(servers)).hasSize(ConnectString.MAX_SERVERS);
        assertThatThrownBy(() -> ConnectString.parse(servers + "h:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + ConnectString.MAX_SERVERS);
    }
}
