package io.chorus.experiments;

import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.output.Csv;
import io.chorus.experiments.run.RealReadModeRuns;
import io.chorus.experiments.run.RunRecord;
import io.chorus.experiments.run.RunSpec;
import io.chorus.experiments.run.SimReadModeRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a list of simulated and real runs in order, appending each run's operations to the raw CSV and handing
 * its summary on; a run's records are dropped once summarised, so a long sweep does not hold them all.
 */
final class Sweep {
    private Sweep() {
    }

    static void run(List<RunSpec> sim, List<RunSpec> real, Path opsFile, Progress progress,
            Consumer<RunSummary> summaries) {
        try (Csv.OpsWriter ops = new Csv.OpsWriter(opsFile)) {
            // a mode the build does not serve is found on its first run and not run again for that protocol
            Map<String, String> unsupported = new HashMap<>();
            for (RunSpec spec : sim) {
                String key = spec.system() + "/" + spec.mode();
                RunRecord record = unsupported.containsKey(key)
                        ? new RunRecord(spec, List.of(), 0, 1, List.of(), unsupported.get(key))
                        : SimReadModeRun.run(spec);
                if (record.unsupported() != null) {
                    unsupported.put(key, record.unsupported());
                }
                ops.append(record);
                summaries.accept(RunSummary.of(record));
                progress.step(spec.id());
            }
            if (!real.isEmpty()) {
                RealReadModeRuns.run(real, record -> {
                    ops.append(record);
                    summaries.accept(RunSummary.of(record));
                    progress.step(record.spec().id());
                });
            }
        }
    }
}
