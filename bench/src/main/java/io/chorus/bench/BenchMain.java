package io.chorus.bench;

import picocli.CommandLine;

/** Runs {@code bench} without the {@code ./chorus} launcher: {@code java -cp <classpath> io.chorus.bench.BenchMain ...}. */
public final class BenchMain {
    /** The bench's own quiet logging, unless the caller chose a configuration. */
    static final String LOGGING_RESOURCE = "chorus-bench-logback.xml";

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING_RESOURCE);
        }
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
