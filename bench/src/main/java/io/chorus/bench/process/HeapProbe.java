package io.chorus.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a child JVM's live heap with jcmd: {@code GC.class_histogram} runs a full collection and
 * then, at the same safepoint, totals the objects left, so nothing the JVM allocates afterwards (a
 * server writing a snapshot allocates hundreds of MB/s) is counted. Output goes through a file so a
 * hung jcmd cannot block the bench.
 *
 * <p>The collection can be skipped: on JDK 17, G1 drops a requested full collection while a thread is
 * inside a JNI critical region (the GC locker), and a server writing a snapshot spends much of that
 * time in one ({@code Deflater.deflate} on heap arrays). The histogram then counts every object
 * allocated since the last collection, garbage included. So the probe compares the JVM's count of full
 * collections (jcmd {@code PerfCounter.print}) before and after, and asks again until one has run.
 */
public final class HeapProbe {
    /** How long one jcmd may take; a full GC of a few GB fits well inside. */
    static final long JCMD_TIMEOUT_MILLIS = 120_000;
    /** The histogram's last line, e.g. "Total         59359        2832368" (instances, bytes). */
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    /** Requests of a full collection before giving up; the GC locker is held for milliseconds at a time. */
    static final int FULL_GC_ATTEMPTS_MAX = 60;
    static final long FULL_GC_RETRY_MILLIS = 250;
    private static final Pattern COLLECTOR_NAME = Pattern.compile("sun\\.gc\\.collector\\.(\\d+)\\.name=\"([^\"]*)\"");
    private static final Pattern COLLECTOR_INVOCATIONS =
            Pattern.compile("sun\\.gc\\.collector\\.(\\d+)\\.invocations=(\\d+)");

    private final Path jcmd;
    private final Path outputDir;
    private final AtomicInteger runs = new AtomicInteger();

    public HeapProbe(Path jcmd, Path outputDir) {
        this.jcmd = jcmd;
        this.outputDir = outputDir;
    }

    /** Bytes of the objects live right after a full collection of the JVM with this pid. */
    public long usedBytesAfterFullGc(long pid) {
        for (int attempt = 1; ; attempt++) {
            long before = fullGcCount(pid);
            String histogram = run(pid, "GC.class_histogram");
            if (fullGcCount(pid) > before) {
                return parseHistogramTotalBytes(histogram);
            }
            if (attempt == FULL_GC_ATTEMPTS_MAX) {
                throw new BenchException("jcmd " + pid + " GC.class_histogram did not get a full collection in "
                        + attempt + " attempts (a thread kept holding the GC locker)");
            }
            try {
                Thread.sleep(FULL_GC_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting to retry a full GC", e);
            }
        }
    }

    private long fullGcCount(long pid) {
        return parseFullGcCount(run(pid, "PerfCounter.print"));
    }

    /** The invocations of the collector named as doing full collections ("G1 full collection pauses"). */
    static long parseFullGcCount(String perfCounters) {
        Matcher names = COLLECTOR_NAME.matcher(perfCounters);
        String full = null;
        while (names.find()) {
            if (names.group(2).toLowerCase(Locale.ROOT).contains("full")) {
                full = names.group(1);
                break;
            }
        }
        if (full != null) {
            Matcher counts = COLLECTOR_INVOCATIONS.matcher(perfCounters);
            while (counts.find()) {
                if (counts.group(1).equals(full)) {
                    return Long.parseLong(counts.group(2));
                }
            }
        }
        throw new BenchException("no full collector's invocation count in PerfCounter.print output:\n"
                + (perfCounters.length() > 2000 ? perfCounters.substring(0, 2000) + "..." : perfCounters));
    }

    static long parseHistogramTotalBytes(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        if (!m.find()) {
            throw new BenchException("no 'Total <instances> <bytes>' line in GC.class_histogram output:\n"
                    + (histogram.length() > 2000 ? histogram.substring(0, 2000) + "..." : histogram));
        }
        return Long.parseLong(m.group(2));
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
