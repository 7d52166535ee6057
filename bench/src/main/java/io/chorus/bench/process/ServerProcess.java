package io.chorus.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server running as a child JVM on a loopback port, logging to a file in the run's directory. The
 * {@link RunCleanup} it was started with owns the process, so it dies with the run whatever happens;
 * {@link #close()} stops it earlier (SIGTERM, then SIGKILL if it lingers).
 */
public final class ServerProcess implements AutoCloseable {
    /** How long a server may take to exit after SIGTERM before it is killed. */
    static final long STOP_WAIT_MILLIS = 15_000;
    /** How long a killed server may take to disappear. */
    static final long KILL_WAIT_MILLIS = 10_000;
    /** Lines of the server's log quoted when it fails. */
    static final int LOG_TAIL_LINES = 30;

    private final ServerType type;
    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final long startedNanos;

    private ServerProcess(ServerType type, Process process, int port, Path dataDir, Path logFile, long startedNanos) {
        this.type = type;
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code type} on a free loopback port serving {@code dataDir}; config and log files go to
     * {@code runDir}. Returns at once: use {@link ReadinessProbe} to wait until it serves.
     */
    public static ServerProcess start(ServerType type, ChildJvm jvm, Path dataDir, Path runDir, RunCleanup cleanup) {
        int port = Loopback.freePort();
        Path logFile = runDir.resolve(type.displayName().replace(' ', '-') + "-" + port + ".log");
        try {
            Files.createDirectories(dataDir);
            List<String> flags = new ArrayList<>(type.jvmFlags());
            flags.add(ChildLogging.jvmFlag(runDir));
            List<String> command = jvm.command(flags, type.mainAndArgs(port, dataDir, runDir));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullInput(runDir)));
            long startedNanos = System.nanoTime();
            Process process = builder.start();
            cleanup.own(process);
            return new ServerProcess(type, process, port, dataDir, logFile, startedNanos);
        } catch (IOException e) {
            throw new BenchException("cannot start " + type.displayName() + ": " + e.getMessage(), e);
        }
    }

    /** An empty file to use as the child's stdin, so no pipe is left for anyone to close. */
    private static java.io.File nullInput(Path runDir) throws IOException {
        Path empty = runDir.resolve("stdin.empty");
        if (!Files.exists(empty)) {
            Files.createFile(empty);
        }
        return empty.toFile();
    }

    public ServerType type() {
        return type;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String connectString() {
        return Loopback.HOST + ":" + port;
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while the process runs. */
    public int exitCodeOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits up to {@code millis} for the process to exit; true if it has. */
    public boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for " + type.displayName(), e);
        }
    }

    /** SIGKILL, as a crash would; returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        if (!awaitExit(KILL_WAIT_MILLIS)) {
            throw new BenchException(type.displayName() + " (pid " + pid() + ") survived SIGKILL for "
                    + KILL_WAIT_MILLIS + " ms");
        }
    }

    /** SIGTERM, then SIGKILL if the server has not exited within {@link #STOP_WAIT_MILLIS}. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(STOP_WAIT_MILLIS)) {
            kill();
        }
    }

    /** The last lines of the server's log, to quote when it misbehaves. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile, e);
        }
    }

    @Override
    public String toString() {
        return type.displayName() + " (pid " + pid() + ", port " + port + ")";
    }
}
