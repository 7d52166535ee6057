package io.chorus.persistence.testing;

import java.io.IOException;

/**
 * For child JVMs: halts the process when stdin reaches end of file, which happens when the parent test JVM
 * closes it or dies, so a child never outlives its test.
 */
public final class StdinWatch {
    private StdinWatch() {
    }

    /** Starts a daemon thread that runs {@code onEof} and then halts with status 0 when stdin closes. */
    public static void haltOnEof(Runnable onEof) {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // ignore input: only its end matters
                }
            } catch (IOException e) {
                // a broken stdin means the same as a closed one
            }
            onEof.run();
            Runtime.getRuntime().halt(0);
        }, "stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
