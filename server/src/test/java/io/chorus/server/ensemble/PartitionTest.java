package io.chorus.server.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.Role;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnCodec;
import io.chorus.persistence.DataDirectory;
import io.chorus.persistence.log.FileTxnLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader cut off from the majority (its peer traffic dropped both ways, connections up, as a firewall would):
 * it stops acknowledging writes, the majority elects a new leader and goes on, and after healing the old leader
 * rejoins, cutting the proposal it logged but could never commit.
 */
class PartitionTest {
    @TempDir
    Path dir;

    @Test
    void aLeaderCutOffFromTheMajorityStepsDownAndLaterTruncatesItsUncommittedTail() throws Exception {
        try (LocalEnsemble ensemble = LocalEnsemble.start(3, dir)) {
            int oldLeader = ensemble.awaitLeader();
            List<Integer> majority = ensemble.runningIds().stream().filter(id -> id != oldLeader).toList();
            try (ZooKeeper onOldLeader = EnsembleTest.connect(ensemble.connectString(oldLeader))) {
                onOldLeader.create("/before", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                ensemble.awaitSameTrees();

                ensemble.server(oldLeader).dropPeerTraffic(Set.copyOf(majority));
                for (int id : majority) {
                    ensemble.server(id).dropPeerTraffic(Set.of(oldLeader));
                }
                CompletableFuture<Integer> lost = new CompletableFuture<>();
                onOldLeader.create("/lost", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                        (rc, path, ctx, name) -> lost.complete(rc), null);

                // The old leader hears no quorum within syncLimit and stops serving: the write is never acknowledged.
                assertThat(lost.get(20, TimeUnit.SECONDS)).isNotEqualTo(KeeperException.Code.OK.intValue());
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> ensemble.server(oldLeader).leadership().role() != Role.LEADER);
                await().atMost(Duration.ofSeconds(20)).until(() -> majority.stream()
                        .anyMatch(id -> ensemble.server(id).leadership().role() == Role.LEADER));
                try (ZooKeeper onMajority = EnsembleTest.connect(
                        ensemble.connectString(majority.get(0)) + "," + ensemble.connectString(majority.get(1)))) {
                    onMajority.create("/majority", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
                assertThat(ensemble.server(oldLeader).leadership().role()).isNotEqualTo(Role.LEADER);

                for (int id : ensemble.runningIds()) {
                    ensemble.server(id).dropPeerTraffic(Set.of());
                }
                int newLeader = ensemble.awaitLeader();
                assertThat(newLeader).isNotEqualTo(oldLeader);
                ensemble.awaitSameTrees();
            }
            for (int id : ensemble.runningIds()) {
                try (ZooKeeper local = EnsembleTest.connect(ensemble.connectString(id))) {
                    assertThat(local.exists("/before", false)).isNotNull();
                    assertThat(local.exists("/majority", false)).isNotNull();
                    assertThat(local.exists("/lost", false)).as("uncommitted write on server %d", id).isNull();
                }
            }
            // Not only unapplied: cut from the old leader's log, or a restart would replay it.
            ensemble.stopServer(oldLeader);
            assertThat(loggedCreates(dir.resolve("server-" + oldLeader))).contains("/before", "/majority")
                    .doesNotContain("/lost");
        }
    }

    /** The paths the transactions in a stopped server's log create. */
    private static List<String> loggedCreates(Path dataDir) throws Exception {
        List<String> paths = new ArrayList<>();
        try (FileTxnLog log = FileTxnLog.open(dataDir.resolve(DataDirectory.LOG))) {
            Iterator<LogEntry> entries = log.readAfter(0);
            while (entries.hasNext()) {
                if (TxnCodec.decode(entries.next().payload()).body() instanceof TxnBody.Create create) {
                    paths.add(create.path());
                }
            }
        }
        return paths;
    }
}
