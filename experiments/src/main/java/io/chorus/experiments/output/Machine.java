package io.chorus.experiments.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a report's numbers come from, in one line: they mean little without it. */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s %s (%s), %d cores, %s memory, Java %s (%s), max heap of this JVM %d MiB",
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                runtime.availableProcessors(), totalMemory(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), runtime.maxMemory() >> 20);
    }

    /** MemTotal from /proc/meminfo where there is one. */
    private static String totalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unusual /proc: the report says so rather than failing
        }
        return "unknown";
    }
}
