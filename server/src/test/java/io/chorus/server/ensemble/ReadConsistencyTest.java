package io.chorus.server.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.ChorusClient;
import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.api.ReadConsistency;
import io.chorus.api.WatchedEvent;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.client.ClientConfig;
import io.chorus.client.ChorusClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Read consistency on a real ensemble of three over loopback: a client connected to a follower reads, in every
 * consistency but LOCAL, what another session's acknowledged write left (a LOCAL read may lag; the simulator
 * counts how often), watches set by reads the leader served fire here, and a session's default, set by its
 * client or by the server's configuration, reaches reads that name none, the stock ZooKeeper client's included.
 */
class ReadConsistencyTest {
    private static final List<ReadConsistency> FRESH = List.of(ReadConsistency.SYNC, ReadConsistency.LEADER,
            ReadConsistency.LINEARIZABLE);

    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static LocalEnsemble ensemble(Path dir, String protocol, LeaderReadMode mode,
            ReadConsistency serverDefault) throws Exception {
        return LocalEnsemble.start(3, dir, b -> {
            b.protocol = protocol;
            b.linearizableReads = mode;
            b.leaseClockDriftMillis = 50;
            b.readConsistency = serverDefault;
        });
    }

    private static int aFollower(LocalEnsemble ensemble, int leader) {
        return ensemble.runningIds().stream().filter(id -> id != leader).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}, linearizable reads by {1}")
    @CsvSource({"zab, READ_INDEX", "zab, LEASE", "paxos-lite, READ_INDEX", "paxos-lite, LEASE"})
    void aFollowersClientReadsWhatWasAcknowledgedAndItsWatchesFire(String protocol, LeaderReadMode mode)
            throws Exception {
        try (LocalEnsemble ensemble = ensemble(dir, protocol, mode, ReadConsistency.LOCAL)) {
            int leader = ensemble.awaitLeader();
            int follower = aFollower(ensemble, leader);
            try (ChorusClient writer = ChorusClients.connect(ensemble.connectString(leader), 10_000, null);
                    ChorusClient reader = ChorusClients.connect(ensemble.connectString(follower), 10_000, null)) {
                writer.create("/k", bytes("v-0"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                for (int i = 1; i <= 20; i++) {
                    writer.setData("/k", bytes("v-" + i), -1);
                    for (ReadConsistency c : FRESH) {
                        assertThat(new String(reader.getData("/k", null, c).data(), StandardCharsets.UTF_8))
                                .as("%s read after write %d was acknowledged", c, i).isEqualTo("v-" + i);
                    }
                }
                assertThat(reader.exists("/k", null, ReadConsistency.LINEARIZABLE).version()).isEqualTo(20);
                assertThat(reader.getChildren("/", null, ReadConsistency.LEADER).names()).contains("k");

                CompletableFuture<WatchedEvent> changed = new CompletableFuture<>();
                reader.getData("/k", changed::complete, ReadConsistency.LEADER);
                CompletableFuture<WatchedEvent> created = new CompletableFuture<>();
                assertThat(reader.exists("/later", created::complete, ReadConsistency.LINEARIZABLE)).isNull();
                writer.setData("/k", bytes("w"), -1);
                writer.create("/later", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                assertThat(changed.get(10, TimeUnit.SECONDS).type()).isEqualTo(EventType.NODE_DATA_CHANGED);
                assertThat(created.get(10, TimeUnit.SECONDS).type()).isEqualTo(EventType.NODE_CREATED);

                try {
                    reader.getData("/absent", null, ReadConsistency.LINEARIZABLE);
                    throw new AssertionError("a read of a missing node succeeded");
                } catch (ChorusException e) {
                    assertThat(e.code()).isEqualTo(Code.NONODE);
                }
            }
        }
    }

    @Test
    void aSessionsDefaultComesFromItsClientOrTheServerAndReachesTheStockClient() throws Exception {
        try (LocalEnsemble ensemble = ensemble(dir, "zab", LeaderReadMode.READ_INDEX,
                ReadConsistency.LINEARIZABLE)) {
            int leader = ensemble.awaitLeader();
            int follower = aFollower(ensemble, leader);
            ClientConfig leaderReads = ClientConfig.of(ensemble.connectString(follower), 10_000)
                    .withReadConsistency(ReadConsistency.LEADER);
            try (ChorusClient writer = ChorusClients.connect(ensemble.connectString(leader), 10_000, null);
                    ChorusClient chorus = ChorusClients.connect(leaderReads, null);
                    ZooKeeper stock = EnsembleTest.connect(ensemble.connectString(follower))) {
                writer.create("/k", bytes("v-0"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                for (int i = 1; i <= 20; i++) {
                    writer.setData("/k", bytes("v-" + i), -1);
                    assertThat(new String(chorus.getData("/k", null).data(), StandardCharsets.UTF_8))
                            .as("the client's LEADER default, write %d", i).isEqualTo("v-" + i);
                    assertThat(new String(stock.getData("/k", false, null), StandardCharsets.UTF_8))
                            .as("the server's LINEARIZABLE default for a stock client, write %d", i)
                            .isEqualTo("v-" + i);
                }
                CompletableFuture<org.apache.zookeeper.WatchedEvent> fired = new CompletableFuture<>();
                stock.getData("/k", fired::complete, null);
                writer.setData("/k", bytes("w"), -1);
                assertThat(fired.get(10, TimeUnit.SECONDS).getType())
                        .isEqualTo(org.apache.zookeeper.Watcher.Event.EventType.NodeDataChanged);
            }
        }
    }
}
