package io.chorus.server.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Chorus node in its own JVM, started as {@code chorus server} with this test's classpath, so that a
 * test can kill it with SIGKILL and restart it from the same data directory.
 */
final class ChorusProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("chorus: serving clients on .*:(\\d+) ");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread reader;

    private ChorusProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "chorus-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChorusProcess start(Path dataDir, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.chorus.server.cli.ChorusCommand", "server", "--bind", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChorusProcess(p);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // The process is gone; whoever waits on the port learns it below.
        } finally {
            port.completeExceptionally(new IllegalStateException("chorus exited before serving:\n" + output()));
        }
    }

    /** Waits (bounded) until the node serves clients and returns its port. */
    int awaitPort() throws Exception {
        return port.get(60, TimeUnit.SECONDS);
    }

    String connectString() throws Exception {
        return "127.0.0.1:" + awaitPort();
    }

    /** Waits (bounded) for the process to exit by itself and returns its exit code. */
    int awaitExit() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("chorus did not exit:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    String output() {
        return String.join("\n", output);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
