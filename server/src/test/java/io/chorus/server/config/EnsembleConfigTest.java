package io.chorus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** zoo.cfg's server.N lines, myid and quorum keys become a validated {@link EnsembleConfig}. */
class EnsembleConfigTest {
    private static final String THREE = "server.1=127.0.0.1:2888:3888;2181\n"
            + "server.2=127.0.0.1:2889:3889:participant;2182\n"
            + "server.3=127.0.0.1:2890:3890\n";

    @TempDir
    Path dir;

    @Test
    void aGoodEnsembleFileParses() throws IOException {
        myid("2\n");
        ServerConfig config = load(THREE + "initLimit=7\nsyncLimit=3\nelectionFinalizeWaitMillis=50\nprotocol=zab\n"
                + "quorumListenOnAllIPs=true\n");
        EnsembleConfig ensemble = config.ensemble();
        assertThat(config.isEnsemble()).isTrue();
        assertThat(ensemble.myId()).isEqualTo(2);
        assertThat(ensemble.ids()).containsExactly(1, 2, 3);
        assertThat(ensemble.me()).isEqualTo(new PeerAddress(2, "127.0.0.1", 2889, 3889, 2182));
        assertThat(ensemble.servers().get(2)).isEqualTo(new PeerAddress(3, "127.0.0.1", 2890, 3890, -1));
        assertThat(ensemble.initLimitTicks()).isEqualTo(7);
        assertThat(ensemble.syncLimitTicks()).isEqualTo(3);
        assertThat(ensemble.electionFinalizeWaitMillis()).isEqualTo(50);
        assertThat(ensemble.protocol()).isEqualTo("zab");
        assertThat(ensemble.quorumListenOnAllIPs()).isTrue();
        assertThat(ensemble.quorumSize()).isEqualTo(2);
        assertThat(config.clientPort()).as("taken from this server's line").isEqualTo(2182);
    }

    @Test
    void quorumKeysDefaultAsInZooKeeper() throws IOException {
        myid("3");
        ServerConfig config = load(THREE);
        EnsembleConfig ensemble = config.ensemble();
        assertThat(ensemble.initLimitTicks()).isEqualTo(10);
        assertThat(ensemble.syncLimitTicks()).isEqualTo(5);
        assertThat(ensemble.electionFinalizeWaitMillis()).isEqualTo(200);
        assertThat(ensemble.protocol()).isEqualTo("zab");
        assertThat(ensemble.quorumListenOnAllIPs()).isFalse();
        assertThat(config.clientPort()).as("server.3 gives no client port").isEqualTo(2181);
    }

    @Test
    void clientPortKeyServesWhenTheOwnLineHasNone() throws IOException {
        myid("3");
        assertThat(load(THREE + "clientPort=2999\n").clientPort()).isEqualTo(2999);
    }

    @Test
    void clientPortEqualToTheOwnLineIsAccepted() throws IOException {
        myid("1");
        assertThat(load(THREE + "clientPort=2181\n").clientPort()).isEqualTo(2181);
    }

    @Test
    void clientPortDifferentFromTheOwnLineIsRefused() throws IOException {
        myid("1");
        refused(THREE + "clientPort=2999\n").hasMessageContaining("clientPort=2999").hasMessageContaining("server.1");
    }

    @Test
    void serverLinesInAnyOrderComeOutInIdOrder() throws IOException {
        myid("1");
        ServerConfig config = load("server.3=c:1:2\nserver.1=a:1:2\nserver.2=b:1:2\n");
        assertThat(config.ensemble().ids()).containsExactly(1, 2, 3);
    }

    @Test
    void ipv6HostsAreBracketed() throws IOException {
        myid("1");
        ServerConfig config = load("server.1=[::1]:2888:3888;2181\n");
        assertThat(config.ensemble().me()).isEqualTo(new PeerAddress(1, "::1", 2888, 3888, 2181));
    }

    @Test
    void aSingleServerLineIsAnEnsembleOfOne() throws IOException {
        myid("1");
        ServerConfig config = load("server.1=127.0.0.1:2888:3888\n");
        assertThat(config.ensemble().ids()).containsExactly(1);
        assertThat(config.ensemble().quorumSize()).isEqualTo(1);
    }

    @Test
    void anEvenNumberOfServersIsAllowedButWarned() throws IOException {
        myid("1");
        Logger logger = (Logger) LoggerFactory.getLogger(EnsembleConfig.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ServerConfig config = load("server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2889:3889\n");
            assertThat(config.ensemble().ids()).containsExactly(1, 2);
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("even number of servers (2)");
        });
    }

    @Test
    void observersAreRefused() throws IOException {
        myid("1");
        refused("server.1=a:1:2\nserver.2=b:1:2:observer\n")
                .hasMessageContaining("server.2").hasMessageContaining("observers are not supported");
    }

    @Test
    void anUnknownRoleIsRefused() throws IOException {
        myid("1");
        refused("server.1=a:1:2:leader\n").hasMessageContaining("server.1").hasMessageContaining("participant");
    }

    @Test
    void aMalformedLineIsRefused() throws IOException {
        myid("1");
        refused("server.1=localhost:2888\n").hasMessageContaining("server.1")
                .hasMessageContaining("host:quorumPort:electionPort");
        refused("server.1=localhost:x:3888\n").hasMessageContaining("server.1").hasMessageContaining("whole number");
        refused("server.one=localhost:2888:3888\n").hasMessageContaining("server.one");
        refused("server.1=localhost:2888:3888;0.0.0.0:2181\n").hasMessageContaining("clientPortAddress");
    }

    @Test
    void duplicateIdsAreRefused() throws IOException {
        myid("1");
        refused("server.1=a:1:2\nserver.01=b:1:2\n").hasMessageContaining("server.1")
                .hasMessageContaining("duplicate server id");
        refused("server.1=a:1:2\nserver.1=b:1:2\n").hasMessageContaining("server.1")
                .hasMessageContaining("duplicate server id");
    }

    @Test
    void idsOutside1To255AreRefused() throws IOException {
        myid("1");
        refused("server.1=a:1:2\nserver.0=b:1:2\n").hasMessageContaining("server.0").hasMessageContaining("1..255");
        refused("server.1=a:1:2\nserver.256=b:1:2\n").hasMessageContaining("server.256")
                .hasMessageContaining("1..255");
    }

    @Test
    void duplicateHostPortPairsAreRefused() throws IOException {
        myid("1");
        refused("server.1=h:2888:3888\nserver.2=h:2889:2888\n").hasMessageContaining("server.2")
                .hasMessageContaining("h:2888").hasMessageContaining("already used by server.1");
        refused("server.1=h:2888:2888\n").hasMessageContaining("server.1").hasMessageContaining("same port twice");
        refused("server.1=h:2888:3888;2181\nserver.2=h:2181:3889\n").hasMessageContaining("server.2")
                .hasMessageContaining("h:2181");
    }

    @Test
    void theSamePortOnDifferentHostsIsFine() throws IOException {
        myid("1");
        assertThat(load("server.1=a:2888:3888\nserver.2=b:2888:3888\nserver.3=c:2888:3888\n").ensemble().ids())
                .containsExactly(1, 2, 3);
    }

    @Test
    void portsOutOfRangeAreRefused() throws IOException {
        myid("1");
        refused("server.1=h:70000:3888\n").hasMessageContaining("server.1").hasMessageContaining("1..65535");
        refused("server.1=h:2888:0\n").hasMessageContaining("server.1").hasMessageContaining("election port");
        refused("server.1=h:2888:3888;65536\n").hasMessageContaining("server.1").hasMessageContaining("client port");
    }

    @Test
    void aMissingMyidIsRefusedNamingTheFile() throws IOException {
        refused(THREE).hasMessageContaining("myid").hasMessageContaining(dir.resolve("myid").toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void anUnreadableMyidIsRefused() throws IOException {
        Files.createDirectory(dir.resolve("myid"));
        refused(THREE).hasMessageContaining("myid").hasMessageContaining("cannot be read");
    }

    @Test
    void aMyidThatIsNotANumberIsRefused() throws IOException {
        myid("two\n");
        refused(THREE).hasMessageContaining("myid").hasMessageContaining("whole number");
    }

    @Test
    void aMyidNotInTheEnsembleIsRefused() throws IOException {
        myid("4\n");
        refused(THREE).hasMessageContaining("server 4 (from " + dir.resolve("myid") + ") is not in the ensemble [1, 2, 3]");
    }

    @Test
    void theBuildersMyIdWinsOverTheFile() throws IOException {
        myid("1");
        ServerConfig.Builder builder = ConfigLoader.load(file(THREE), ServerConfig.builder()).myId(3);
        assertThat(builder.build().ensemble().myId()).isEqualTo(3);
        builder.myId = 4;
        assertThatThrownBy(builder::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("server 4 (given as myId) is not in the ensemble [1, 2, 3]");
    }

    @Test
    void aMyIdWithoutServerLinesIsRefused() {
        assertThatThrownBy(() -> ServerConfig.builder().myId(1).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("myId").hasMessageContaining("no server.N lines");
    }

    @Test
    void aMyidFileWithoutServerLinesIsIgnored() throws IOException {
        myid("1");
        assertThat(load("clientPort=2999\n").ensemble()).isNull();
    }

    @Test
    void otherProtocolsAreRefusedNamingTheSupportedOnes() throws IOException {
        myid("1");
        refused(THREE + "protocol=raft\n").hasMessageContaining("protocol=raft")
                .hasMessageContaining("supported: zab, paxos-lite");
    }

    @Test
    void quorumLimitsMustBePositive() throws IOException {
        myid("1");
        refused(THREE + "initLimit=0\n").hasMessageContaining("initLimit");
        refused(THREE + "syncLimit=-1\n").hasMessageContaining("syncLimit");
        refused(THREE + "electionFinalizeWaitMillis=-5\n").hasMessageContaining("electionFinalizeWaitMillis");
        refused(THREE + "initLimit=soon\n").hasMessageContaining("initLimit").hasMessageContaining("whole number");
        refused(THREE + "quorumListenOnAllIPs=maybe\n").hasMessageContaining("quorumListenOnAllIPs");
    }

    @Test
    void toBuilderKeepsTheEnsemble() throws IOException {
        myid("2");
        ServerConfig config = load(THREE + "initLimit=7\n");
        Files.delete(dir.resolve("myid"));
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void theRecordValidatesWhenBuiltDirectly() {
        List<PeerAddress> servers = List.of(new PeerAddress(1, "a", 1, 2, -1), new PeerAddress(1, "b", 1, 2, -1));
        assertThatThrownBy(() -> new EnsembleConfig(1, servers, 10, 5, 200, "zab", false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("duplicate server id");
        assertThatThrownBy(() -> new EnsembleConfig(9, servers.subList(0, 1), 10, 5, 200, "zab", false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server 9 is not in the ensemble [1]");
    }

    private ServerConfig load(String content) throws IOException {
        return ConfigLoader.load(file(content), ServerConfig.builder().dataDir(dir)).build();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String content) throws IOException {
        Path file = file(content);
        return assertThatThrownBy(() -> ConfigLoader.load(file, ServerConfig.builder().dataDir(dir)).build())
                .isInstanceOf(ConfigException.class);
    }

    private Path file(String content) throws IOException {
        Path file = dir.resolve("zoo.cfg");
        Files.writeString(file, content);
        return file;
    }

    private void myid(String content) throws IOException {
        Files.writeString(dir.resolve("myid"), content);
    }
}
