package io.chorus.experiments.run;

import io.chorus.api.ReadConsistency;
import io.chorus.bench.ensemble.Ensemble;
import io.chorus.testkit.zk.TimedOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Failover on real processes: three servers, the clients' reads in every mode the system has side by side, the
 * leader killed with SIGKILL a quarter into the window and restarted from its directory at three quarters. The
 * servers confirm LINEARIZABLE reads as the spec's mode says (a lease makes the survivors wait for their promises
 * to the killed leader to run out before they elect another).
 */
public final class RealFailoverRun {
    private RealFailoverRun() {
    }

    public static RunRecord run(RunSpec spec, List<ReadMode> modes) {
        List<ReadConsistency> consistencies = SimReadModeRun.consistencies(spec, modes);
        try (RealEnsemble ensemble = RealEnsemble.start(spec.system(), spec.ensembleSize(), spec.leaderReads())) {
            RealWorkload.run(ensemble.target(), spec.clients(), 0.5, consistencies, RealReadModeRuns.WARM_UP_MILLIS,
                    spec.seed());
            Ensemble.Node leader = ensemble.ensemble().leader()
                    .orElseThrow(() -> new IllegalStateException("no single leader before the kill"));
            List<RunRecord.Marker> markers = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime() / 1_000;
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "experiment-failover");
                t.setDaemon(true);
                return t;
            });
            List<TimedOp> ops;
            try {
                timer.schedule(() -> {
                    markers.add(new RunRecord.Marker(System.nanoTime() / 1_000, "leader " + leader.id() + " killed"));
                    leader.kill();
                }, spec.durationMillis() / 4, TimeUnit.MILLISECONDS);
                timer.schedule(() -> {
                    markers.add(new RunRecord.Marker(System.nanoTime() / 1_000, "server " + leader.id() + " restarted"));
                    leader.restart();
                }, 3 * spec.durationMillis() / 4, TimeUnit.MILLISECONDS);
                ops = RealWorkload.run(ensemble.target(), spec.clients(), spec.readPercent() / 100.0, consistencies,
                        spec.durationMillis(), spec.seed());
            } finally {
                timer.shutdownNow();
                timer.awaitTermination(30, TimeUnit.SECONDS);
            }
            return new RunRecord(spec, ops, start, start + spec.durationMillis() * 1_000, markers, null);
        } catch (IOException e) {
            throw new UncheckedIOException("failover run of " + spec.system() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
