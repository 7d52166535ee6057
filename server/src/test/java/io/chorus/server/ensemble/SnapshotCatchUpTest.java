package io.chorus.server.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chorus.server.node.NodeDriver;
import io.chorus.server.node.TreeStates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A follower that comes back after the leader's log was purged past it gets the leader's whole tree, captured in
 * the background while the leader goes on, and installs it.
 */
class SnapshotCatchUpTest {
    private static final int WRITES = 600;

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void listen() {
        events.start();
        ((Logger) LoggerFactory.getLogger(NodeDriver.class)).addAppender(events);
        ((Logger) LoggerFactory.getLogger(TreeStates.class)).addAppender(events);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(NodeDriver.class)).detachAppender(events);
        ((Logger) LoggerFactory.getLogger(TreeStates.class)).detachAppender(events);
    }

    @Test
    void aFollowerBehindThePurgedLogGetsTheLeadersSnapshotAndCatchesUp() throws Exception {
        try (LocalEnsemble ensemble = LocalEnsemble.start(3, dir, b -> {
            b.snapshotEveryTxns(100);
            b.snapshotRetainCount = 1;
        })) {
            int leader = ensemble.awaitLeader();
            int behind = leader == 1 ? 2 : 1;
            int other = 6 - leader - behind;
            ensemble.stopServer(behind);
            try (ZooKeeper client = EnsembleTest.connect(ensemble.connectString(leader) + ","
                    + ensemble.connectString(other))) {
                CountDownLatch written = new CountDownLatch(WRITES);
                for (int i = 0; i < WRITES; i++) {
                    client.create("/n" + i, new byte[64], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                            (rc, path, ctx, name) -> written.countDown(), null);
                }
                assertThat(written.await(60, TimeUnit.SECONDS)).isTrue();
            }
            ensemble.startServer(behind);
            ensemble.awaitLeader();
            ensemble.awaitSameTrees();
            try (ZooKeeper local = EnsembleTest.connect(ensemble.connectString(behind))) {
                assertThat(local.getChildren("/", false)).hasSize(WRITES + 1);
            }
        }
        List<String> messages = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).anyMatch(m -> m.startsWith("Captured the tree at"));
        assertThat(messages).anyMatch(m -> m.startsWith("Installed the leader's snapshot"));
    }
}
