package io.chorus.server.cluster;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One node of a {@link LocalCluster}: a {@code chorus server} JVM with its own data directory, zoo.cfg and
 * myid, its output appended to {@code server.log}. It can be killed (SIGKILL), stopped (SIGTERM, then SIGKILL
 * after {@link #STOP_TIMEOUT}) and restarted from the same directory. Thread-safe.
 */
public final class LocalNode {
    /** How long a SIGTERM-ed node may take to exit before it is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The pause between two {@code ruok} probes while waiting for a node to serve. */
    static final long SERVING_POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final Duration PROBE_TIMEOUT_MAX = Duration.ofSeconds(1);

    private final int id;
    private final int clientPort;
    private final Path dir;
    private final Path configFile;
    private final Path logFile;
    private final List<String> command;
    private final LocalCluster.ExitListener onUnexpectedExit;
    private final List<Long> pidsStarted = new CopyOnWriteArrayList<>();
    private Process process;
    private boolean stopping;

    LocalNode(int id, int clientPort, Path dir, Path configFile, List<String> command,
            LocalCluster.ExitListener onUnexpectedExit) {
        this.id = id;
        this.clientPort = clientPort;
        this.dir = dir;
        this.configFile = configFile;
        this.logFile = dir.resolve("server.log");
        this.command = List.copyOf(command);
        this.onUnexpectedExit = onUnexpectedExit;
    }

    /** The server id (1-based, as in its myid file). */
    public int id() {
        return id;
    }

    public int clientPort() {
        return clientPort;
    }

    /** The node's data directory, holding zoo.cfg, myid and server.log. */
    public Path dataDir() {
        return dir;
    }

    public Path configFile() {
        return configFile;
    }

    public Path logFile() {
        return logFile;
    }

    /** The command line the node's JVM runs. */
    public List<String> command() {
        return command;
    }

    /** The pid of the node's current (or last) process. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("node " + id + " was never started");
        }
        return process.pid();
    }

    /** Every pid this node has run, restarts included, oldest first. */
    public List<Long> pidsStarted() {
        return List.copyOf(pidsStarted);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the node's JVM; it must not be running. */
    synchronized void launch() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("node " + id + " is already running (pid " + process.pid() + ")");
        }
        Process started = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .start();
        started.getOutputStream().close();
        process = started;
        stopping = false;
        pidsStarted.add(started.pid());
        started.onExit().thenAccept(this::exited);
    }

    private void exited(Process exited) {
        boolean expected;
        synchronized (this) {
            expected = exited != process || stopping;
        }
        if (!expected) {
            onUnexpectedExit.exited(this, exited.exitValue());
        }
    }

    /** SIGKILL: the node dies at once, losing whatever it had not fsynced. Waits until it is gone. */
    public void kill() {
        Process p = markStopping();
        if (p != null) {
            p.destroyForcibly();
            awaitExit(p, STOP_TIMEOUT);
        }
    }

    /** SIGTERM, then SIGKILL if the node has not exited within {@link #STOP_TIMEOUT}. */
    public void stop() {
        Process p = beginStop();
        if (p != null) {
            finishStop(p);
        }
    }

    /** Stops the node if it runs, then starts it again from the same data directory. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /** Sends SIGTERM; returns the process to pass to {@link #finishStop}, or null when none runs. */
    Process beginStop() {
        Process p = markStopping();
        if (p != null) {
            p.destroy();
        }
        return p;
    }

    static void finishStop(Process p) {
        if (!awaitExit(p, STOP_TIMEOUT)) {
            p.destroyForcibly();
            awaitExit(p, STOP_TIMEOUT);
        }
    }

    private synchronized Process markStopping() {
        if (process == null || !process.isAlive()) {
            return null;
        }
        stopping = true;
        return process;
    }

    private static boolean awaitExit(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /**
     * Polls the client port with {@code ruok} until the node answers {@code imok}.
     *
     * @throws IllegalStateException when the node is not running or does not answer within {@code timeout}
     */
    public void waitUntilServing(Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            Process p;
            synchronized (this) {
                p = process;
            }
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException("node " + id + " is not running"
                        + (p == null ? "" : " (exited with " + p.exitValue() + ")") + "; see " + logFile);
            }
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (answersRuok(Duration.ofNanos(Math.max(remainingNanos, 1_000_000)))) {
                return;
            }
            if (deadlineNanos - System.nanoTime() <= 0) {
                throw new IllegalStateException("node " + id + " did not answer ruok on 127.0.0.1:" + clientPort
                        + " within " + timeout + "; see " + logFile);
            }
            LockSupport.parkNanos(SERVING_POLL_PAUSE_NANOS);
        }
    }

    /** Asks the node a four-letter word ({@code srvr}, {@code mntr}, ...) and returns its answer. */
    public String ask(String word) throws IOException {
        return FourLetterWord.ask(LocalCluster.HOST, clientPort, word, PROBE_TIMEOUT_MAX);
    }

    private boolean answersRuok(Duration remaining) {
        Duration timeout = remaining.compareTo(PROBE_TIMEOUT_MAX) < 0 ? remaining : PROBE_TIMEOUT_MAX;
        try {
            return "imok".equals(FourLetterWord.ask(LocalCluster.HOST, clientPort, "ruok", timeout));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "node " + id + " (client port " + clientPort + ", " + dir + ")";
    }
}
