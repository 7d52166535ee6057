package io.chorus.experiments.run;

import io.chorus.bench.ensemble.ChorusEnsembleType;
import io.chorus.bench.ensemble.Ensemble;
import io.chorus.bench.ensemble.EnsembleType;
import io.chorus.bench.ensemble.ZooKeeperEnsembleType;
import io.chorus.bench.process.ChildJvm;
import io.chorus.bench.process.Loopback;
import io.chorus.bench.process.RunCleanup;
import io.chorus.api.spi.LeaderReadMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Server processes on loopback for the real-process runs, started with bench's {@link Ensemble} (same heap,
 * collector and fsync settings as the bench's comparisons). The {@link RunCleanup} owns the processes and
 * their directories; closing this stops the servers and deletes everything. A Chorus ensemble's servers are
 * told how to confirm LINEARIZABLE reads ({@code linearizableReads}, and for a lease
 * {@code leaseClockDriftMillis=}{@link #LEASE_DRIFT_MILLIS}).
 */
public final class RealEnsemble implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final String HEAP = "512m";
    /**
     * The lease's clock-drift allowance on loopback, where every server reads the same clock: a hundredth of the
     * lease (syncLimit x tickTime, 10 s with the bench's timing), a tenth of the server's default.
     */
    public static final int LEASE_DRIFT_MILLIS = 100;

    private final RunCleanup cleanup;
    private final Ensemble ensemble;

    private RealEnsemble(RunCleanup cleanup, Ensemble ensemble) {
        this.cleanup = cleanup;
        this.ensemble = ensemble;
    }

    /**
     * Starts {@code size} servers of {@code system} ("zab", "paxos-lite" or "zookeeper"), Chorus's confirming
     * LINEARIZABLE reads as {@code reads} says, and waits for a leader.
     */
    static RealEnsemble start(String system, int size, LeaderReadMode reads) throws IOException {
        RunCleanup cleanup = new RunCleanup();
        try {
            Path dir = cleanup.newDirectory("chorus-experiment-" + system + "-");
            Ensemble ensemble = Ensemble.start(type(system, reads), size, ChildJvm.likeThisJvm(HEAP), dir, cleanup);
            RealEnsemble started = new RealEnsemble(cleanup, ensemble);
            ensemble.awaitWhole(START_TIMEOUT);
            RealWorkload.createKeys(started.target());
            return started;
        } catch (IOException | RuntimeException e) {
            cleanup.close();
            throw e;
        }
    }

    static EnsembleType type(String system, LeaderReadMode reads) {
        return system.equals("zookeeper") ? new ZooKeeperEnsembleType()
                : new ChorusEnsembleType(system, true, List.of(), serverConfig(reads));
    }

    /** The zoo.cfg entries that make Chorus's servers confirm LINEARIZABLE reads as {@code reads} says. */
    static Map<String, String> serverConfig(LeaderReadMode reads) {
        return reads == LeaderReadMode.LEASE
                ? Map.of("linearizableReads", ReadMode.configValue(reads),
                        "leaseClockDriftMillis", Integer.toString(LEASE_DRIFT_MILLIS))
                : Map.of("linearizableReads", ReadMode.configValue(reads));
    }

    /** How long a follower's promise lasts on the real processes: syncLimit x tickTime of the bench's timing. */
    public static long leaseMillis() {
        return (long) EnsembleType.SYNC_LIMIT_TICKS * EnsembleType.TICK_TIME_MILLIS;
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
