package io.chorus.experiments;

import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.output.Csv;
import io.chorus.experiments.run.RealReadModeRuns;
import io.chorus.experiments.run.RunRecord;
import io.chorus.experiments.run.RunSpec;
import io.chorus.experiments.run.SimReadModeRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a list of simulated and real runs in order into an output directory: each run's operations are appended to
 * {@code ops.csv.gz} and its summary kept; a run's records are dropped once summarised, so a long sweep does not hold
 * them all. The summaries go to {@code summary.csv} at the end.
 */
final class Sweep {
    /** What a sweep came to: the runs' summaries, in run order, and how long it took. */
    record Swept(List<RunSummary> summaries, double elapsedSeconds) {
    }

    private Sweep() {
    }

    /** Runs {@code sim} then {@code real} into {@code out} (created if need be), with a progress line for {@code name}. */
    static Swept intoDirectory(String name, List<RunSpec> sim, List<RunSpec> real, Path out, PrintStream progressOut) {
        Progress progress = new Progress(progressOut, name, sim.size() + real.size());
        List<RunSummary> summaries = new ArrayList<>();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        try (Csv.OpsWriter ops = new Csv.OpsWriter(out.resolve("ops.csv.gz"))) {
            for (RunSpec spec : sim) {
                RunRecord record = SimReadModeRun.run(spec);
                ops.append(record);
                summaries.add(RunSummary.of(record));
                progress.step(spec.id());
            }
            if (!real.isEmpty()) {
                RealReadModeRuns.run(real, record -> {
                    ops.append(record);
                    summaries.add(RunSummary.of(record));
                    progress.step(record.spec().id());
                });
            }
        }
        Csv.writeSummaries(out.resolve("summary.csv"), summaries);
        return new Swept(summaries, progress.elapsedSeconds());
    }
}
