package io.chorus.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a child JVM's live heap with jcmd: {@code GC.run} (a full collection), then the used figure
 * of {@code GC.heap_info}. Output goes through a file so a hung jcmd cannot block the bench.
 */
public final class HeapProbe {
    /** How long one jcmd may take; a full GC of a few GB fits well inside. */
    static final long JCMD_TIMEOUT_MILLIS = 120_000;
    /** The heap line of GC.heap_info, e.g. " garbage-first heap   total 262144K, used 10931K [...". */
    private static final Pattern USED = Pattern.compile("heap\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");

    private final Path jcmd;
    private final Path outputDir;
    private final AtomicInteger runs = new AtomicInteger();

    public HeapProbe(Path jcmd, Path outputDir) {
        this.jcmd = jcmd;
        this.outputDir = outputDir;
    }

    /** Used heap in bytes right after a full collection of the JVM with this pid. */
    public long usedBytesAfterFullGc(long pid) {
        run(pid, "GC.run");
        return parseUsedBytes(run(pid, "GC.heap_info"));
    }

    static long parseUsedBytes(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        if (!m.find()) {
            throw new BenchException("no 'heap total ..K, used ..K' line in GC.heap_info output:\n" + heapInfo);
        }
        return Long.parseLong(m.group(2)) * 1024;
    }

    private String run(long pid, String command) {
        Path out = outputDir.resolve("jcmd-" + pid + "-" + runs.incrementAndGet() + ".out");
        try {
            Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            try {
                if (!p.waitFor(JCMD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new BenchException("jcmd " + pid + " " + command + " took over " + JCMD_TIMEOUT_MILLIS + " ms");
                }
            } finally {
                p.destroyForcibly();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new BenchException("jcmd " + pid + " " + command + " exited " + p.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new BenchException("cannot run jcmd " + pid + " " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while running jcmd", e);
        }
    }
}
