package io.chorus.server.cluster;

import static io.chorus.server.cluster.EnsembleChecks.FAILOVER_TIMEOUT;
import static io.chorus.server.cluster.EnsembleChecks.SERVING_TIMEOUT;
import static io.chorus.server.cluster.EnsembleChecks.SESSION_TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real server processes under a write load of stock clients: the leader is killed with SIGKILL (three
 * rounds), or a follower is, and restarted from its disk. Afterwards every server has applied the same
 * transactions (equal last applied zxid and tree digest) and every acknowledged create is readable through a client
 * of each server alone.
 */
@Tag("cluster")
class EnsembleFailoverUnderLoadTest {
    private static final int WRITERS = 3;
    private static final String PARENT = "/load";
    /** Creates acknowledged under load before each fault. */
    private static final int ACKED_BETWEEN_FAULTS = 300;
    private static final int PACED_CREATES_PER_SECOND = 50;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zab", "paxos-lite"})
    void killingTheLeaderUnderLoadLosesNoAcknowledgedWrite(String protocol) throws Exception {
        List<String> unexpectedExits = new CopyOnWriteArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(3, dir, LocalCluster.freeBasePort(3), EnsembleChecks.config(protocol),
                (node, code) -> unexpectedExits.add(node + " exited with " + code))) {
            cluster.waitUntilServing(SERVING_TIMEOUT);
            EnsembleChecks.awaitLeader(cluster);
            EnsembleChecks.createParent(cluster, PARENT);
            WriteLoad load = WriteLoad.start(cluster.connectString(), PARENT, WRITERS, SESSION_TIMEOUT_MILLIS);
            try {
                for (int round = 1; round <= 3; round++) {
                    LocalNode leader = EnsembleChecks.awaitLeader(cluster);
                    awaitAcknowledged(load, load.acknowledgedCount() + ACKED_BETWEEN_FAULTS);
                    int ackedBefore = load.acknowledgedCount();
                    long killedAt = System.nanoTime();
                    leader.kill();
                    List<LocalNode> survivors = cluster.nodes().stream().filter(n -> n != leader).toList();
                    LocalNode newLeader = EnsembleChecks.awaitLeader(survivors, FAILOVER_TIMEOUT);
                    assertThat(newLeader).isNotSameAs(leader);
                    awaitProgress(load);
                    long writingAgainAt = System.nanoTime();
                    leader.restart();
                    EnsembleChecks.awaitMember(leader, SERVING_TIMEOUT);
                    assertThat(EnsembleChecks.mode(leader)).as("round %d: the old leader rejoins", round)
                            .isEqualTo("follower");
                    assertThat(load.acknowledgedCount()).as("round %d", round).isGreaterThan(ackedBefore);
                    System.out.printf("round %d: killed leader %d, node %d leads, every writer wrote again after"
                            + " %d ms, the old leader followed %d ms after its restart%n", round, leader.id(),
                            newLeader.id(), (writingAgainAt - killedAt) / 1_000_000,
                            (System.nanoTime() - writingAgainAt) / 1_000_000);
                }
            } finally {
                load.close();
            }
            assertConsistent(cluster, load);
        }
        assertThat(unexpectedExits).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zab", "paxos-lite"})
    void aFollowerKilledUnderLoadRejoinsFromItsDisk(String protocol) throws Exception {
        List<String> unexpectedExits = new CopyOnWriteArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(3, dir, LocalCluster.freeBasePort(3), EnsembleChecks.config(protocol),
                (node, code) -> unexpectedExits.add(node + " exited with " + code))) {
            cluster.waitUntilServing(SERVING_TIMEOUT);
            LocalNode leader = EnsembleChecks.awaitLeader(cluster);
            EnsembleChecks.createParent(cluster, PARENT);
            // Paced, so that what the follower misses stays well below the DIFF limit (10,000 entries) even when a
            // busy machine takes half a minute to start its JVM.
            WriteLoad load = WriteLoad.start(cluster.connectString(), PARENT, WRITERS, SESSION_TIMEOUT_MILLIS,
                    PACED_CREATES_PER_SECOND);
            try {
                awaitAcknowledged(load, ACKED_BETWEEN_FAULTS);
                LocalNode follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
                follower.kill();
                // The two left keep the quorum: the leader stays and writes go on while the follower is down.
                awaitAcknowledged(load, load.acknowledgedCount() + ACKED_BETWEEN_FAULTS);
                awaitProgress(load);
                int ackedWhileDown = load.acknowledgedCount();
                assertThat(EnsembleChecks.mode(leader)).isEqualTo("leader");
                long logBytes = Files.size(follower.logFile());
                long restartedAt = System.nanoTime();
                follower.restart();
                EnsembleChecks.awaitMember(follower, SERVING_TIMEOUT);
                System.out.printf("follower %d followed again %d ms after its restart%n", follower.id(),
                        (System.nanoTime() - restartedAt) / 1_000_000);
                assertThat(EnsembleChecks.mode(follower)).isEqualTo("follower");
                assertThat(EnsembleChecks.awaitLeader(cluster)).isSameAs(leader);
                awaitProgress(load);
                assertThat(load.acknowledgedCount()).isGreaterThan(ackedWhileDown);
                byte[] log = Files.readAllBytes(follower.logFile());
                String restartedLog = new String(log, (int) logBytes, log.length - (int) logBytes,
                        StandardCharsets.UTF_8);
                assertThat(restartedLog).as("the follower catches up from its own disk (DIFF), not from a snapshot")
                        .doesNotContain("Installed the leader's snapshot");
            } finally {
                load.close();
            }
            assertConsistent(cluster, load);
        }
        assertThat(unexpectedExits).isEmpty();
    }

    private static void awaitAcknowledged(WriteLoad load, int count) {
        await().atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .failFast("a writer failed unexpectedly", () -> !load.unexpected().isEmpty())
                .until(() -> load.acknowledgedCount() >= count);
    }

    /** Waits until every writer has had a create acknowledged since now. */
    private static void awaitProgress(WriteLoad load) {
        long[] before = load.ackedPerWriter();
        await().atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .failFast("a writer failed unexpectedly", () -> !load.unexpected().isEmpty())
                .until(() -> load.everyWriterProgressedSince(before));
    }

    private static void assertConsistent(LocalCluster cluster, WriteLoad load) throws Exception {
        assertThat(load.unexpected()).isEmpty();
        assertThat(load.acknowledgedCount()).isPositive();
        EnsembleChecks.awaitConverged(cluster, FAILOVER_TIMEOUT);
        EnsembleChecks.assertEveryServerHas(cluster, PARENT, load.acknowledged());
        System.out.printf("%d acknowledged creates, errors seen %s%n", load.acknowledgedCount(), load.errors());
    }
}
