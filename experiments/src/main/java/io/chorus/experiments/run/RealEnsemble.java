package io.chorus.experiments.run;

import io.chorus.bench.ensemble.ChorusEnsembleType;
import io.chorus.bench.ensemble.Ensemble;
import io.chorus.bench.ensemble.EnsembleType;
import io.chorus.bench.ensemble.ZooKeeperEnsembleType;
import io.chorus.bench.process.ChildJvm;
import io.chorus.bench.process.Loopback;
import io.chorus.bench.process.RunCleanup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Server processes on loopback for the real-process runs, started with bench's {@link Ensemble} (same heap,
 * collector and fsync settings as the bench's comparisons). The {@link RunCleanup} owns the processes and
 * their directories; closing this stops the servers and deletes everything.
 */
final class RealEnsemble implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final String HEAP = "512m";

    private final RunCleanup cleanup;
    private final Ensemble ensemble;

    private RealEnsemble(RunCleanup cleanup, Ensemble ensemble) {
        this.cleanup = cleanup;
        this.ensemble = ensemble;
    }

    /** Starts {@code size} servers of {@code system} ("zab", "paxos-lite" or "zookeeper") and waits for a leader. */
    static RealEnsemble start(String system, int size) throws IOException {
        RunCleanup cleanup = new RunCleanup();
        try {
            Path dir = cleanup.newDirectory("chorus-experiment-" + system + "-");
            Ensemble ensemble = Ensemble.start(type(system), size, ChildJvm.likeThisJvm(HEAP), dir, cleanup);
            RealEnsemble started = new RealEnsemble(cleanup, ensemble);
            ensemble.awaitWhole(START_TIMEOUT);
            RealWorkload.createKeys(started.target());
            return started;
        } catch (IOException | RuntimeException e) {
            cleanup.close();
            throw e;
        }
    }

    static EnsembleType type(String system) {
        return system.equals("zookeeper") ? new ZooKeeperEnsembleType()
                : new ChorusEnsembleType(system, true, List.of());
    }

    RealWorkload.Target target() {
        List<Integer> ports = ensemble.nodes().stream().map(Ensemble.Node::clientPort).toList();
        return new RealWorkload.Target(ports.stream().map(p -> Loopback.HOST).toList(), ports);
    }

    Ensemble ensemble() {
        return ensemble;
    }

    @Override
    public void close() {
        try {
            ensemble.close();
        } finally {
            cleanup.close();
        }
    }
}
