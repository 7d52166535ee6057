package io.chorus.persistence.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a test class's {@code main} on the test classpath, for tests that need a real process
 * to die by SIGKILL. Its stdout lines are collected as they arrive; its stderr goes to a file shown in
 * {@link #toString()}. Closing kills it (if still alive) and waits for it and for the reader thread.
 * A child should exit by itself when its stdin closes, so that none outlives a dead test JVM.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path stderrFile;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.reader = new Thread(this::readStdout, "child-jvm-stdout-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static ChildJvm start(Path workDir, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        Path stderrFile = Files.createTempFile(workDir, "child-stderr-", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectError(stderrFile.toFile())
                .start();
        return new ChildJvm(process, stderrFile);
    }

    /** Every stdout line so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Closes the child's stdin, which the children here take as "finish and exit". */
    public void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** SIGKILL, then waits until the process is gone and its stdout is fully read. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit();
    }

    /** Waits (bounded) for the process to end by itself and its stdout to be fully read; returns its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child " + this + " did not exit within " + EXIT_WAIT);
        }
        reader.join(EXIT_WAIT.toMillis());
        return process.exitValue();
    }

    /** Kills the child if it is still alive and waits (bounded) for it and its reader thread to end. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            reader.join(EXIT_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        String stderr;
        try {
            stderr = Files.readString(stderrFile);
        } catch (IOException e) {
            stderr = "(unreadable: " + e + ")";
        }
        return "child pid " + process.pid() + " stderr:\n" + stderr;
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
