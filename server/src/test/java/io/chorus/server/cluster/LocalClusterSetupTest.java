package io.chorus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.server.config.ConfigLoader;
import io.chorus.server.config.PeerAddress;
import io.chorus.server.config.ServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a local cluster derives and writes before any process starts: ports, node files, refusals. */
class LocalClusterSetupTest {
    private static final LocalCluster.ExitListener NO_EXITS = (node, code) -> { };

    @TempDir
    Path dir;

    @Test
    void portsDeriveFromTheBasePort() {
        ClusterPorts ports = new ClusterPorts(2181, 3);
        assertThat(List.of(ports.clientPort(1), ports.clientPort(2), ports.clientPort(3)))
                .containsExactly(2181, 2182, 2183);
        assertThat(List.of(ports.quorumPort(1), ports.quorumPort(3))).containsExactly(3181, 3183);
        assertThat(List.of(ports.electionPort(1), ports.electionPort(3))).containsExactly(4181, 4183);
        assertThat(ports.all()).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void portsNeverCollideEvenAtTheLargestCluster() {
        ClusterPorts ports = new ClusterPorts(ClusterPorts.basePortMax(ClusterPorts.NODES_MAX), ClusterPorts.NODES_MAX);
        assertThat(new HashSet<>(ports.all())).hasSize(3 * ClusterPorts.NODES_MAX);
        assertThat(ports.electionPort(ClusterPorts.NODES_MAX)).isEqualTo(65535);
    }

    @Test
    void impossiblePortsAndSizesAreRefused() {
        assertThatThrownBy(() -> new ClusterPorts(2181, 0)).hasMessageContaining("nodes must be 1..255");
        assertThatThrownBy(() -> new ClusterPorts(2181, 256)).hasMessageContaining("nodes must be 1..255");
        assertThatThrownBy(() -> new ClusterPorts(0, 3)).hasMessageContaining("base port must be 1..63533");
        assertThatThrownBy(() -> new ClusterPorts(63534, 3)).hasMessageContaining("base port must be 1..63533");
        assertThatThrownBy(() -> new ClusterPorts(2181, 3).clientPort(4)).hasMessageContaining("node must be 1..3");
    }

    @Test
    void eachNodeGetsAZooCfgThatLoadsAsItsEnsembleMembership() throws IOException {
        LocalCluster cluster = LocalCluster.create(3, dir, 12000, Map.of("tickTime", "300", "protocol", "zab"),
                NO_EXITS);
        for (LocalNode node : cluster.nodes()) {
            int id = node.id();
            assertThat(node.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("node-" + id));
            assertThat(Files.readString(node.dataDir().resolve("myid"))).isEqualTo(id + "\n");
            ServerConfig config = ConfigLoader.load(node.configFile(), ServerConfig.builder()).build();
            assertThat(config.dataDir()).isEqualTo(node.dataDir());
            assertThat(config.clientPort()).isEqualTo(12000 + id - 1).isEqualTo(node.clientPort());
            assertThat(config.clientBindAddress()).isEqualTo("127.0.0.1");
            assertThat(config.tickTimeMillis()).isEqualTo(300);
            assertThat(config.ensemble().myId()).isEqualTo(id);
            assertThat(config.ensemble().initLimitTicks()).isEqualTo(10);
            assertThat(config.ensemble().syncLimitTicks()).isEqualTo(5);
            assertThat(config.ensemble().servers()).containsExactly(
                    new PeerAddress(1, "127.0.0.1", 13000, 14000, 12000),
                    new PeerAddress(2, "127.0.0.1", 13001, 14001, 12001),
                    new PeerAddress(3, "127.0.0.1", 13002, 14002, 12002));
        }
        assertThat(cluster.connectString()).isEqualTo("127.0.0.1:12000,127.0.0.1:12001,127.0.0.1:12002");
    }

    @Test
    void eachNodeRunsTheServerCommandInItsOwnJvm() throws IOException {
        LocalNode node = LocalCluster.create(1, dir, 12000, Map.of(), NO_EXITS).node(1);
        assertThat(node.command()).containsExactly(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.chorus.server.cli.ChorusCommand", "server", "--config", node.configFile().toString());
        assertThat(node.logFile()).isEqualTo(node.dataDir().resolve("server.log"));
        assertThat(node.isAlive()).isFalse();
        assertThatThrownBy(node::pid).hasMessageContaining("never started");
    }

    @Test
    void extraConfigOverridesDefaultsButNotDerivedKeys() throws IOException {
        LocalCluster cluster = LocalCluster.create(1, dir, 12000, Map.of("initLimit", "20"), NO_EXITS);
        assertThat(ConfigLoader.load(cluster.node(1).configFile(), ServerConfig.builder()).build()
                .ensemble().initLimitTicks()).isEqualTo(20);
        for (String key : List.of("dataDir", "clientPort", "server.1")) {
            assertThatThrownBy(() -> LocalCluster.create(1, dir, 12000, Map.of(key, "1"), NO_EXITS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
        }
    }

    @Test
    void aBusyPortIsRefusedByNameBeforeAnythingStarts() throws IOException {
        int base = LocalCluster.freeBasePort(3);
        int busy = new ClusterPorts(base, 3).quorumPort(2);
        try (ServerSocket taken = new ServerSocket(busy, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LocalCluster.isFree(busy)).isFalse();
            assertThatThrownBy(() -> LocalCluster.start(3, dir, base, Map.of()))
                    .isInstanceOf(BindException.class)
                    .hasMessage("port " + busy + " (quorum port of node 2) is already in use");
        }
        assertThat(dir.resolve("node-1")).doesNotExist();
    }

    @Test
    void aFreeBasePortHasEveryDerivedPortFree() {
        int base = LocalCluster.freeBasePort(5);
        assertThat(new ClusterPorts(base, 5).all()).allMatch(LocalCluster::isFree);
    }
}
