package io.chorus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real server processes form an ensemble on loopback; one is killed with SIGKILL and restarted from
 * its data directory; closing the cluster leaves no process behind. Needs the server to run ensembles.
 */
@Tag("cluster")
class LocalEnsembleKillRestartTest {
    private static final Duration SERVING_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern MODE = Pattern.compile("(?m)^Mode: (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void aKilledNodeRestartsAndClosingLeavesNoProcess() throws IOException {
        List<String> unexpectedExits = new CopyOnWriteArrayList<>();
        List<Long> pids = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(3, dir, LocalCluster.freeBasePort(3),
                Map.of("tickTime", "500"), (node, code) -> unexpectedExits.add(node + " exited with " + code))) {
            cluster.waitUntilServing(SERVING_TIMEOUT);
            for (LocalNode node : cluster.nodes()) {
                assertThat(mode(node)).as("%s is an ensemble member", node).isNotEqualTo("standalone");
            }
            await().atMost(SERVING_TIMEOUT).untilAsserted(() -> assertThat(
                    cluster.nodes().stream().map(LocalEnsembleKillRestartTest::mode).filter("leader"::equals))
                    .hasSize(1));

            LocalNode victim = cluster.node(2);
            long killedPid = victim.pid();
            victim.kill();
            assertThat(victim.isAlive()).isFalse();
            assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            cluster.node(1).waitUntilServing(SERVING_TIMEOUT);
            cluster.node(3).waitUntilServing(SERVING_TIMEOUT);

            victim.restart();
            assertThat(victim.pid()).isNotEqualTo(killedPid);
            victim.waitUntilServing(SERVING_TIMEOUT);
            assertThat(mode(victim)).isNotEqualTo("standalone");
            cluster.nodes().forEach(node -> pids.addAll(node.pidsStarted()));
        }
        assertThat(pids).hasSize(4);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
        }
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).doesNotContainAnyElementsOf(pids);
        assertThat(unexpectedExits).isEmpty();
    }

    private static String mode(LocalNode node) {
        String srvr;
        try {
            srvr = node.ask("srvr");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = MODE.matcher(srvr);
        assertThat(m.find()).as("srvr of %s has a Mode: line:%n%s", node, srvr).isTrue();
        return m.group(1);
    }
}
