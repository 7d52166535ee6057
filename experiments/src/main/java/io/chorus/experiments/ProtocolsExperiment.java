package io.chorus.experiments;

import io.chorus.api.ReadConsistency;
import io.chorus.bench.report.MarkdownTable;
import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.output.Charts;
import io.chorus.experiments.output.Machine;
import io.chorus.experiments.run.ReadMode;
import io.chorus.experiments.run.RealEnsemble;
import io.chorus.experiments.run.RealReadModeRuns;
import io.chorus.experiments.run.SimReadModeRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The protocol comparison: the read-mode workload with LOCAL and SYNC reads on Zab and paxos-lite (simulator,
 * several sizes; real processes) with Apache ZooKeeper as the reference on real processes.
 */
public final class ProtocolsExperiment {
    public static final String NAME = "protocols";

    public record Outcome(List<RunSummary> summaries, Path directory, Path report) {
    }

    private ProtocolsExperiment() {
    }

    public static Outcome run(ProtocolsPlan plan, Path out, String command, PrintStream progressOut) {
        Sweep.Swept swept = Sweep.intoDirectory(NAME, plan.simRuns(), plan.realRuns(), out, progressOut);
        List<RunSummary> summaries = swept.summaries();
        List<String> figures = new ArrayList<>();
        for (String variant : List.of("sim", "real")) {
            for (ReadMode mode : plan.modes()) {
                Map<String, double[][]> series = new LinkedHashMap<>();
                for (String system : ReadModesExperiment.systems(summaries, variant)) {
                    List<RunSummary> runs = summaries.stream().filter(s -> s.spec().variant().equals(variant)
                            && s.spec().system().equals(system) && s.spec().ensembleSize() == 3
                            && s.spec().mode() == mode && s.measured()).toList();
                    if (!runs.isEmpty()) {
                        series.put(system, new double[][] {
                                runs.stream().mapToDouble(s -> s.spec().readPercent()).toArray(),
                                runs.stream().mapToDouble(RunSummary::opsPerSecond).toArray()});
                    }
                }
                if (!series.isEmpty()) {
                    String file = "throughput-" + variant + "-" + mode.label().toLowerCase(Locale.ROOT) + ".png";
                    Charts.lines(out.resolve(file), "Throughput per protocol, " + mode + " reads (" + variant
                            + ", 3 servers)", "reads (%)", "operations per second"
                            + (variant.equals("sim") ? " (simulated time)" : ""), series, Map.of(), false);
                    figures.add(file);
                }
            }
        }
        Path report = out.resolve("report.md");
        writeReport(report, plan, summaries, figures, command, swept.elapsedSeconds());
        return new Outcome(summaries, out, report);
    }

    private static void writeReport(Path file, ProtocolsPlan plan, List<RunSummary> summaries, List<String> figures,
            String command, double elapsedSeconds) {
        StringBuilder md = new StringBuilder("# Protocols: Zab and paxos-lite, Apache ZooKeeper as reference\n\n");
        md.append("Produced by `").append(command).append("` on ").append(Instant.now()).append(" in ")
                .append(String.format(Locale.ROOT, "%.0f", elapsedSeconds)).append(" s.\n\n");
        md.append("- Machine: ").append(Machine.describe()).append('\n');
        md.append("- Seed: ").append(plan.seed()).append('\n');
        md.append("- Simulator: ").append(plan.simProtocols()).append(", servers ").append(plan.sizes())
                .append(", reads ").append(plan.readPercents()).append(" %, modes ").append(plan.modes()).append(", ")
                .append(plan.clientsPerServer()).append(" clients per server, ").append(plan.simMillis())
                .append(" simulated ms per run, quiet network (1-5 ms per message, 1-3 ms per fsync).\n");
        if (plan.modes().stream().anyMatch(m -> m.consistency() == ReadConsistency.LINEARIZABLE)) {
            md.append("- LINEARIZABLE reads: LINEARIZABLE is confirmed by a quorum round "
                    + "(`linearizableReads=readindex`), LINEARIZABLE-LEASE by a lease (`linearizableReads=lease`, "
                    + "drift allowance ").append(SimReadModeRun.LEASE_DRIFT_MILLIS).append(" ms in the simulator, ")
                    .append(RealEnsemble.LEASE_DRIFT_MILLIS).append(" ms on real processes), each on ensembles "
                            + "configured for it; ZooKeeper has neither.\n");
        }
        if (!plan.realSystems().isEmpty()) {
            md.append("- Real processes: ").append(plan.realSystems()).append(", 3 servers on loopback, fsync on, ")
                    .append(plan.realClients()).append(" clients, ").append(plan.realMillis())
                    .append(" ms per run after ").append(RealReadModeRuns.WARM_UP_MILLIS / 1_000)
                    .append(" s of warm-up per ensemble.\n");
        }
        md.append("- Raw results: `summary.csv`, `ops.csv.gz`.\n\n## Figures\n\n");
        for (String figure : figures) {
            md.append("![").append(figure).append("](").append(figure).append(")\n\n");
        }
        md.append("## Runs\n\n");
        MarkdownTable table = new MarkdownTable(List.of("variant", "system", "servers", "reads %", "mode", "ops/s",
                "vs ZooKeeper", "read p50 ms", "read p99 ms", "write p50 ms", "write p99 ms", "stale reads"), 5);
        for (RunSummary s : summaries) {
            Optional<RunSummary> reference = summaries.stream().filter(r -> r.spec().system().equals("zookeeper")
                    && r.measured()
                    && r.spec().variant().equals(s.spec().variant()) && r.spec().readPercent() == s.spec().readPercent()
                    && r.spec().mode() == s.spec().mode() && r.spec().ensembleSize() == s.spec().ensembleSize())
                    .findFirst();
            table.row(List.of(s.spec().variant(), s.spec().system(), Integer.toString(s.spec().ensembleSize()),
                    Integer.toString(s.spec().readPercent()), s.spec().mode().label(),
                    ReadModesReport.f0(s.opsPerSecond()),
                    reference.map(r -> String.format(Locale.ROOT, "%.2fx", s.opsPerSecond() / r.opsPerSecond()))
                            .orElse(""),
                    ReadModesReport.f1(s.readP50Millis()), ReadModesReport.f1(s.readP99Millis()),
                    ReadModesReport.f1(s.writeP50Millis()), ReadModesReport.f1(s.writeP99Millis()),
                    ReadModesReport.pct(s.staleFraction())));
        }
        md.append(table.render());
        md.append("\nThe simulator models message and fsync delays, not CPU: its throughput compares the protocols' "
                + "round trips (how many message delays and fsyncs a write waits for), not their cost in processing. "
                + "The real-process rows share two cores among all servers and clients, so they compare the "
                + "implementations under CPU contention, with ZooKeeper on the same footing.\n");
        try {
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
