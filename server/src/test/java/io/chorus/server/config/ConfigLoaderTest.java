package io.chorus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void zooCfgKeysSetTheirFields() throws IOException {
        Path file = write("tickTime=500\nclientPort=2999\ndataDir=/tmp/x\nmaxClientCnxns=7\n"
                + "jute.maxbuffer=4096\nforceSync=yes\nsnapCount=1000\nautopurge.snapRetainCount=5\n");
        ServerConfig config = ConfigLoader.load(file, ServerConfig.builder()).build();
        assertThat(config.tickTimeMillis()).isEqualTo(500);
        assertThat(config.minSessionTimeoutMillis()).isEqualTo(1000);
        assertThat(config.maxSessionTimeoutMillis()).isEqualTo(10000);
        assertThat(config.clientPort()).isEqualTo(2999);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(config.dataLogDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(config.maxClientConnectionsPerAddress()).isEqualTo(7);
        assertThat(config.maxPacketBytes()).isEqualTo(4096);
        assertThat(config.snapshotEveryTxns()).isEqualTo(1000);
        assertThat(config.snapshotRetainCount()).isEqualTo(5);
    }

    @Test
    void readConsistencyKeysSetTheirFieldsAndBadValuesAreRefusedNamingTheKey() throws IOException {
        ServerConfig config = ConfigLoader.load(write("readConsistency=Linearizable\nlinearizableReads=lease\n"
                + "leaseClockDriftMillis=250\n"), ServerConfig.builder()).build();
        assertThat(config.readConsistency()).isEqualTo(io.chorus.api.ReadConsistency.LINEARIZABLE);
        assertThat(config.linearizableReads()).isEqualTo(io.chorus.api.spi.LeaderReadMode.LEASE);
        assertThat(config.leaseClockDriftMillis()).isEqualTo(250);
        assertThat(ServerConfig.defaults().readConsistency()).isEqualTo(io.chorus.api.ReadConsistency.LOCAL);
        assertThat(ServerConfig.defaults().linearizableReads()).isEqualTo(io.chorus.api.spi.LeaderReadMode.READ_INDEX);

        assertThatThrownBy(() -> ConfigLoader.load(write("readConsistency=eventual\n"), ServerConfig.builder()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("readConsistency")
                .hasMessageContaining("eventual");
        assertThatThrownBy(() -> ConfigLoader.load(write("linearizableReads=gossip\n"), ServerConfig.builder()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("linearizableReads");
        assertThatThrownBy(() -> ConfigLoader.load(write("leaseClockDriftMillis=-1\n"), ServerConfig.builder())
                .build()).isInstanceOf(ConfigException.class).hasMessageContaining("leaseClockDriftMillis");
    }

    @Test
    void valueThatDoesNotParseIsRefusedNamingItsKey() throws IOException {
        Path file = write("tickTime=fast\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, ServerConfig.builder()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tickTime")
                .hasMessageContaining("fast");
    }

    @Test
    void outOfRangeValueIsRefusedNamingItsKey() throws IOException {
        Path file = write("clientPort=70000\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, ServerConfig.builder()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clientPort");
    }

    @Test
    void sessionTimeoutBoundsMustBeOrdered() {
        assertThatThrownBy(() -> ServerConfig.builder().sessionTimeoutBoundsMillis(5000, 4000).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maxSessionTimeout");
    }

    @Test
    void turningFsyncOffIsRefused() throws IOException {
        Path file = write("forceSync=no\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, ServerConfig.builder()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("forceSync");
    }

    @Test
    void withoutServerLinesTheNodeIsStandalone() throws IOException {
        Path file = write("clientPort=2999\n");
        ServerConfig config = ConfigLoader.load(file, ServerConfig.builder()).build();
        assertThat(config.ensemble()).isNull();
        assertThat(ServerConfig.defaults().ensemble()).isNull();
        assertThat(ServerConfig.defaults().clientPort()).isEqualTo(2181);
    }

    @Test
    void missingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("nope.cfg");
        assertThatThrownBy(() -> ConfigLoader.load(missing, ServerConfig.builder()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.cfg");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("zoo.cfg");
        Files.writeString(file, content);
        return file;
    }
}
