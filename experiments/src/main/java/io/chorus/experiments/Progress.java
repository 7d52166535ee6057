package io.chorus.experiments;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line an experiment prints on stderr after each run: what finished, done/total and the time left
 * at the pace so far.
 */
public final class Progress {
    private final PrintStream out;
    private final String experiment;
    private final int total;
    private final long startNanos = System.nanoTime();
    private int done;

    public Progress(PrintStream out, String experiment, int total) {
        this.out = out;
        this.experiment = experiment;
        this.total = total;
    }

    /** One more run finished (or skipped: it counts towards done all the same). */
    public void step(String what) {
        done++;
        long elapsed = System.nanoTime() - startNanos;
        long etaSeconds = done == 0 ? 0 : Math.round(elapsed / 1e9 / done * (total - done));
        out.printf(Locale.ROOT, "%s: %d/%d, ETA %d:%02d (%s)%n", experiment, done, total, etaSeconds / 60,
                etaSeconds % 60, what);
        out.flush();
    }

    public int done() {
        return done;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
