package io.chorus.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Owns what a run leaves on the machine: child processes and scratch directories. {@link #close()}
 * kills the children still alive and deletes the directories; if the JVM exits first (Ctrl-C, an
 * uncaught error), a shutdown hook does the same, so no server outlives the benchmark that started it.
 */
public final class RunCleanup implements AutoCloseable {
    /** How long a killed child may take to exit before its directory is deleted anyway. */
    static final long KILL_WAIT_MILLIS = 5_000;

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();
    private final Thread hook = new Thread(this::releaseAll, "chorus-bench-cleanup");
    private boolean closed;

    public RunCleanup() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A fresh directory under the system temp dir, deleted with everything in it at the end of the run. */
    public synchronized Path newDirectory(String prefix) {
        checkOpen();
        try {
            Path dir = Files.createTempDirectory(prefix);
            directories.add(dir);
            return dir;
        } catch (IOException e) {
            throw new BenchException("cannot create a scratch directory: " + e.getMessage(), e);
        }
    }

    /** Makes {@code process} this run's to kill; registered before anything else can fail. */
    public synchronized void own(Process process) {
        if (closed) {
            process.destroyForcibly();
            throw new IllegalStateException("run already cleaned up");
        }
        processes.add(process);
    }

    @Override
    public void close() {
        releaseAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; nothing is left to remove.
        }
    }

    private synchronized void releaseAll() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            awaitExit(p);
        }
        processes.clear();
        for (Path dir : directories) {
            try {
                deleteRecursively(dir);
            } catch (UncheckedIOException e) {
                // Best effort from here on: one stuck directory must not keep the others on disk.
                System.err.println("chorus-bench: " + e.getMessage() + ": " + e.getCause().getMessage());
            }
        }
        directories.clear();
    }

    private static void awaitExit(Process p) {
        try {
            p.waitFor(KILL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("run already cleaned up");
        }
    }

    /** Deletes {@code dir} and everything under it; a missing directory is not an error. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
