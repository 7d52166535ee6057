package io.chorus.bench.ensemble;

import io.chorus.bench.load.KeySpace;
import io.chorus.bench.process.BenchException;
import io.chorus.bench.process.SessionOpener;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.LoggerFactory;

/**
 * Leader failover under load. A steady write load (one thread per session, each a synchronous setData loop,
 * sessions free to move between all servers) runs throughout. Each round waits for the ensemble to be whole,
 * SIGKILLs the leader, and at once opens a fresh stock client on the surviving servers that retries a setData
 * until one is acknowledged: the round's figure is the time from the kill to that acknowledgement. The killed
 * node is then restarted and the ensemble waited for before the next round.
 */
public final class FailoverRun {
    public static final String PATH = KeySpace.ROOT + "/failover";
    /** How long the ensemble may take to be whole again (all nodes serving, one leader). */
    static final Duration WHOLE_TIMEOUT = Duration.ofMinutes(2);
    /** How long after a kill a write may still fail before the round is declared broken. */
    static final long WRITE_DEADLINE_MILLIS = 60_000;
    /** The pause between two attempts of the probe write, and of a steady writer after a failure. */
    static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final long SRVR_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    static final String CLIENT_LOGGER = "org.apache.zookeeper.ClientCnxn";

    private final Ensemble ensemble;
    private final int rounds;
    private final int writers;
    private final byte[] value;
    private final PrintWriter progress;

    public FailoverRun(Ensemble ensemble, int rounds, int writers, byte[] value, PrintWriter progress) {
        if (ensemble.size() < 3) {
            throw new IllegalArgumentException("failover needs at least 3 nodes, not " + ensemble.size());
        }
        if (rounds < 1 || writers < 1) {
            throw new IllegalArgumentException("rounds and writers must be positive");
        }
        this.ensemble = ensemble;
        this.rounds = rounds;
        this.writers = writers;
        this.value = value.clone();
        this.progress = progress;
    }

    public FailoverResult run() {
        ensemble.awaitWhole(WHOLE_TIMEOUT);
        String all = ensemble.connectStringWithout(null);
        ZooKeeper setup = SessionOpener.open(all, CONNECT_TIMEOUT);
        try {
            KeySpace.ensureExists(setup, KeySpace.ROOT);
            KeySpace.ensureExists(setup, PATH);
        } finally {
            SessionOpener.close(setup);
        }
        progress.printf("  failover: %d rounds under a steady load of %d synchronous writers%n", rounds, writers);
        List<Double> millis = new ArrayList<>();
        List<Double> electedMillis = new ArrayList<>();
        Level clientLevel = quietClientLogging();
        long startNanos = System.nanoTime();
        try (SteadyWriters steady = SteadyWriters.start(all, writers, value)) {
            for (int round = 1; round <= rounds; round++) {
                double[] figures = round(round);
                millis.add(figures[0]);
                electedMillis.add(figures[1]);
            }
            steady.close();
            return new FailoverResult(millis, electedMillis, steady.acknowledged(), System.nanoTime() - startNanos);
        } finally {
            restoreClientLogging(clientLevel);
        }
    }

    /** The round's figures: kill to first acknowledged write on a new session, and kill to a new leader. */
    private double[] round(int round) {
        ensemble.awaitWhole(WHOLE_TIMEOUT);
        Ensemble.Node leader = awaitLeader();
        String survivors = ensemble.connectStringWithout(leader);
        List<Ensemble.Node> others = ensemble.nodes().stream().filter(n -> n != leader).toList();
        long killedNanos = System.nanoTime();
        leader.kill();
        CompletableFuture<Long> elected = CompletableFuture.supplyAsync(() -> newLeaderSeen(others, killedNanos));
        long ackNanos = firstWriteOnNewSession(survivors, killedNanos);
        double ms = (ackNanos - killedNanos) / 1e6;
        double electedMs = (elected.join() - killedNanos) / 1e6;
        progress.printf("  failover %d/%d: killed leader %s, new leader (srvr) after %.0f ms,"
                + " first write on a new session after %.0f ms%n", round, rounds, leader, electedMs, ms);
        leader.restart();
        return new double[] {ms, electedMs};
    }

    /**
     * Polls the survivors' {@code srvr} until one says leader and returns when it did (polled every
     * {@link #SRVR_POLL_NANOS}, so this is that precise); bounded by {@link #WRITE_DEADLINE_MILLIS}.
     */
    private static long newLeaderSeen(List<Ensemble.Node> survivors, long killedNanos) {
        while (System.nanoTime() - killedNanos < TimeUnit.MILLISECONDS.toNanos(WRITE_DEADLINE_MILLIS)) {
            for (Ensemble.Node node : survivors) {
                if (node.mode().filter("leader"::equals).isPresent()) {
                    return System.nanoTime();
                }
            }
            LockSupport.parkNanos(SRVR_POLL_NANOS);
        }
        return System.nanoTime();
    }

    /**
     * The expected disconnects of every round would print a stack trace per session and attempt: the stock
     * client's connection logger is set to ERROR while the rounds run (when logback is the binding).
     */
    private static Level quietClientLogging() {
        if (LoggerFactory.getLogger(CLIENT_LOGGER) instanceof Logger logger) {
            Level before = logger.getLevel();
            logger.setLevel(Level.ERROR);
            return before;
        }
        return null;
    }

    private static void restoreClientLogging(Level before) {
        if (LoggerFactory.getLogger(CLIENT_LOGGER) instanceof Logger logger) {
            logger.setLevel(before);
        }
    }

    private Ensemble.Node awaitLeader() {
        long deadline = System.nanoTime() + WHOLE_TIMEOUT.toNanos();
        while (true) {
            Optional<Ensemble.Node> leader = ensemble.leader();
            if (leader.isPresent()) {
                return leader.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new BenchException(ensemble.type().displayName() + ": no single leader within "
                        + WHOLE_TIMEOUT.toMillis() + " ms");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Opens a stock client on {@code survivors} and retries a setData until one is acknowledged. */
    private long firstWriteOnNewSession(String survivors, long killedNanos) {
        ZooKeeper zk;
        try {
            zk = new ZooKeeper(survivors, SessionOpener.SESSION_TIMEOUT_MILLIS, event -> { });
        } catch (IOException e) {
            throw new BenchException("cannot create a client for " + survivors + ": " + e.getMessage(), e);
        }
        String lastFailure = "none";
        try {
            while (System.nanoTime() - killedNanos < TimeUnit.MILLISECONDS.toNanos(WRITE_DEADLINE_MILLIS)) {
                try {
                    zk.setData(PATH, value, -1);
                    return System.nanoTime();
                } catch (KeeperException e) {
                    lastFailure = e.code().toString();
                    LockSupport.parkNanos(RETRY_PAUSE_NANOS);
                }
            }
            throw new BenchException(ensemble.type().displayName() + ": no write acknowledged within "
                    + WRITE_DEADLINE_MILLIS + " ms of killing the leader (last failure " + lastFailure + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for a write after failover", e);
        } finally {
            SessionOpener.close(zk);
        }
    }

    /** The background write load: one thread per session, each looping a synchronous setData. */
    static final class SteadyWriters implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final LongAdder acknowledged = new LongAdder();
        private final List<Thread> threads = new ArrayList<>();
        private final String connectString;
        private final byte[] value;

        private SteadyWriters(String connectString, byte[] value) {
            this.connectString = connectString;
            this.value = value;
        }

        static SteadyWriters start(String connectString, int count, byte[] value) {
            SteadyWriters writers = new SteadyWriters(connectString, value);
            try {
                for (int i = 0; i < count; i++) {
                    ZooKeeper zk = SessionOpener.open(connectString, CONNECT_TIMEOUT);
                    Thread t = new Thread(() -> writers.loop(zk), "failover-writer-" + i);
                    t.setDaemon(true);
                    writers.threads.add(t);
                    t.start();
                }
                return writers;
            } catch (RuntimeException e) {
                writers.close();
                throw e;
            }
        }

        private void loop(ZooKeeper first) {
            ZooKeeper zk = first;
            try {
                while (!stop.get()) {
                    try {
                        zk.setData(PATH, value, -1);
                        acknowledged.increment();
                    } catch (KeeperException.SessionExpiredException e) {
                        SessionOpener.close(zk);
                        zk = new ZooKeeper(connectString, SessionOpener.SESSION_TIMEOUT_MILLIS, event -> { });
                    } catch (KeeperException e) {
                        LockSupport.parkNanos(RETRY_PAUSE_NANOS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // Cannot even create a client object: this writer stops; the others go on.
            } finally {
                SessionOpener.close(zk);
            }
        }

        long acknowledged() {
            return acknowledged.sum();
        }

        @Override
        public void close() {
            stop.set(true);
            for (Thread t : threads) {
                try {
                    t.join(WRITE_DEADLINE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
