package io.chorus.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same seeded random operations, sent in lockstep through the stock client to real ZooKeeper and to a
 * candidate server: every outcome (result code, data, sorted children, stat shape, multi results) and the whole
 * tree at the end must be equal. The candidate is Chorus; one run against a second ZooKeeper checks that the
 * comparison itself sees no difference between two equal servers.
 */
@Timeout(120)
class DifferentialTest {

    /** Operations per run. */
    private static final int STEPS = 500;
    private static final long[] CHORUS_SEEDS = {1, 0x5eed, 20240611};
    private static final long CONTROL_SEED = 7;

    @RegisterExtension
    static final ConformanceServers reference = ConformanceServers.withDefaults();
    @RegisterExtension
    static final ConformanceServers candidates = ConformanceServers.withDefaults();

    static Stream<Arguments> runs() {
        Stream<Arguments> control = Stream.of(Arguments.of(ServerKind.ZOOKEEPER, CONTROL_SEED));
        Stream<Arguments> chorus = ServerKind.selected().anyMatch(ServerKind.CHORUS::equals)
                ? Arrays.stream(CHORUS_SEEDS).mapToObj(seed -> Arguments.of(ServerKind.CHORUS, seed))
                : Stream.empty();
        return Stream.concat(control, chorus);
    }

    @ParameterizedTest(name = "seed {1} against {0}")
    @MethodSource("runs")
    void randomOperationsHaveTheSameOutcomesAsOnZooKeeper(ServerKind candidateKind, long seed) throws Exception {
        ZooKeeper expected = reference.connect(ServerKind.ZOOKEEPER);
        ZooKeeper actual = candidates.connect(candidateKind);
        String root = "/differential-" + candidateKind.name().toLowerCase() + "-" + seed;
        expected.create(root, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        actual.create(root, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        DifferentialWorkload workload = new DifferentialWorkload(seed, root);

        for (int step = 0; step < STEPS; step++) {
            DifferentialWorkload.Step op = workload.next();
            DifferentialWorkload.Outcome onReference = op.runOn(expected);
            DifferentialWorkload.Outcome onCandidate = op.runOn(actual);
            assertThat(onCandidate.text())
                    .as("seed %d, step %d: %s", seed, step, op)
                    .isEqualTo(onReference.text());
            workload.learn(onReference);
        }

        Map<String, String> expectedTree = TreeSnapshot.read(expected, root);
        assertThat(TreeSnapshot.read(actual, root)).as("tree after seed %d", seed).isEqualTo(expectedTree);
        assertThat(expectedTree.size()).as("nodes left by seed %d (a workload that creates nothing tests nothing)",
                seed).isGreaterThan(5);
    }
}
