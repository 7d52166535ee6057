package io.chorus.experiments;

import io.chorus.api.ReadConsistency;
import io.chorus.bench.report.MarkdownTable;
import io.chorus.experiments.analysis.FailoverSummary;
import io.chorus.experiments.output.Charts;
import io.chorus.experiments.output.Csv;
import io.chorus.experiments.output.Machine;
import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.RealFailoverRun;
import io.chorus.experiments.run.RunRecord;
import io.chorus.experiments.run.RunSpec;
import io.chorus.experiments.run.SimReadModeRun;
import io.chorus.testkit.zk.TimedOp;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The failover experiment: kill the leader under load, with reads in every mode side by side; the time to the
 * first write after the loss, how long each read mode had no answer, and a timeline of answered operations.
 */
public final class FailoverExperiment {
    public static final String NAME = "failover";
    /** Width of a timeline bucket. */
    static final long BUCKET_MICROS = 100_000;

    public record Outcome(List<RunRecord> records, List<FailoverSummary> summaries, Path directory, Path report) {
    }

    private FailoverExperiment() {
    }

    public static Outcome run(FailoverPlan plan, Path out, String command, PrintStream progressOut) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        Progress progress = new Progress(progressOut, NAME, plan.runs());
        List<RunRecord> records = new ArrayList<>();
        List<ReadConsistency> all = List.of(ReadConsistency.values());
        try (Csv.OpsWriter ops = new Csv.OpsWriter(out.resolve("ops.csv.gz"))) {
            for (String protocol : plan.simProtocols()) {
                RunSpec spec = new RunSpec("sim", protocol, 3, 90, ReadConsistency.LOCAL, FollowerLag.NONE,
                        plan.simClients(), plan.simMillis(), plan.seed());
                RunRecord record = SimReadModeRun.runFailover(spec, all);
                ops.append(record);
                records.add(record);
                progress.step("sim " + protocol);
            }
            for (String system : plan.realSystems()) {
                List<ReadConsistency> modes = system.equals("zookeeper")
                        ? List.of(ReadConsistency.LOCAL, ReadConsistency.SYNC) : all;
                RunSpec spec = new RunSpec("real", system, 3, 90, ReadConsistency.LOCAL, FollowerLag.NONE,
                        plan.realClients(), plan.realMillis(), plan.seed());
                RunRecord record = RealFailoverRun.run(spec, modes);
                ops.append(record);
                records.add(record);
                progress.step("real " + system);
            }
        }
        List<FailoverSummary> summaries = records.stream().map(FailoverSummary::of).toList();
        writeCsv(out.resolve("failover.csv"), records, summaries);
        List<String> figures = new ArrayList<>();
        for (RunRecord record : records) {
            String file = "timeline-" + record.spec().variant() + "-" + record.spec().system() + ".png";
            timeline(out.resolve(file), record);
            figures.add(file);
        }
        Path report = out.resolve("report.md");
        writeReport(report, plan, records, summaries, figures, command, progress.elapsedSeconds());
        return new Outcome(records, summaries, out, report);
    }

    static void timeline(Path file, RunRecord record) {
        long start = record.windowStartMicros();
        int buckets = (int) ((record.windowEndMicros() - start) / BUCKET_MICROS);
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("writes", counts(record, start, buckets, TimedOp::write));
        for (ReadConsistency mode : ReadConsistency.values()) {
            Predicate<TimedOp> reads = op -> !op.write() && op.mode() == mode;
            if (record.ops().stream().anyMatch(reads)) {
                series.put(mode.name() + " reads", counts(record, start, buckets, reads));
            }
        }
        Map<String, Double> markers = new LinkedHashMap<>();
        for (RunRecord.Marker marker : record.markers()) {
            markers.put(marker.label(), (marker.atMicros() - start) / 1e6);
        }
        Charts.lines(file, "Failover timeline (" + record.spec().variant() + ", " + record.spec().system()
                + ", 3 servers): answered operations per 100 ms", "time (s" + (record.spec().variant().equals("sim")
                        ? ", simulated" : "") + ")", "answered per 100 ms", series, markers, false);
    }

    private static double[][] counts(RunRecord record, long start, int buckets, Predicate<TimedOp> in) {
        double[] x = new double[buckets];
        double[] y = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            x[i] = i * BUCKET_MICROS / 1e6;
        }
        for (TimedOp op : record.ops()) {
            if (op.ok() && in.test(op)) {
                long bucket = (op.answeredMicros() - start) / BUCKET_MICROS;
                if (bucket >= 0 && bucket < buckets) {
                    y[(int) bucket]++;
                }
            }
        }
        return new double[][] {x, y};
    }

    private static void writeCsv(Path file, List<RunRecord> records, List<FailoverSummary> summaries) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("variant,system,seed,series,first_after_loss_ms,longest_gap_ms,failed_after_loss,"
                    + "answered_after_loss\n");
            for (int i = 0; i < records.size(); i++) {
                RunSpec spec = records.get(i).spec();
                for (FailoverSummary.Series s : summaries.get(i).series().values()) {
                    out.write(String.join(",", spec.variant(), spec.system(), Long.toString(spec.seed()), s.name(),
                            num(s.firstAfterLossMillis()), num(s.longestGapMillis()), Long.toString(s.failedAfterLoss()),
                            Long.toString(s.answeredAfterLoss())) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeReport(Path file, FailoverPlan plan, List<RunRecord> records,
            List<FailoverSummary> summaries, List<String> figures, String command, double elapsedSeconds) {
        StringBuilder md = new StringBuilder("# Failover: the leader killed under load\n\n");
        md.append("Produced by `").append(command).append("` on ").append(Instant.now()).append(" in ")
                .append(String.format(Locale.ROOT, "%.0f", elapsedSeconds)).append(" s.\n\n");
        md.append("- Machine: ").append(Machine.describe()).append('\n');
        md.append("- Seed: ").append(plan.seed()).append('\n');
        md.append("- Workload: 90 % reads over 8 keys, client i reading in mode i mod 4 (LOCAL, SYNC, LEADER, "
                + "LINEARIZABLE; ZooKeeper: LOCAL and SYNC), clients spread over 3 servers. The leader is crashed "
                + "(simulator) or killed with SIGKILL (processes) a quarter into the window and restarted at three "
                + "quarters.\n");
        md.append("- Simulator: ").append(plan.simProtocols()).append(", ").append(plan.simClients())
                .append(" clients, ").append(plan.simMillis()).append(" simulated ms.\n");
        if (!plan.realSystems().isEmpty()) {
            md.append("- Real processes: ").append(plan.realSystems()).append(", ").append(plan.realClients())
                    .append(" clients, ").append(plan.realMillis()).append(" ms.\n");
        }
        md.append("- Raw results: `failover.csv` (per series), `ops.csv.gz` (every operation).\n\n");
        md.append("## Per series\n\n");
        MarkdownTable table = new MarkdownTable(List.of("variant", "system", "series", "first answer after loss ms",
                "longest gap ms", "failed after loss", "answered after loss"), 3);
        for (int i = 0; i < records.size(); i++) {
            RunSpec spec = records.get(i).spec();
            for (FailoverSummary.Series s : summaries.get(i).series().values()) {
                table.row(List.of(spec.variant(), spec.system(), s.name(), num(s.firstAfterLossMillis()),
                        num(s.longestGapMillis()), Long.toString(s.failedAfterLoss()),
                        Long.toString(s.answeredAfterLoss())));
            }
        }
        md.append(table.render()).append('\n');
        md.append("A series whose reads were refused (a mode this build does not serve) shows failures and no "
                + "answers. LOCAL reads on the surviving followers stay available until they leave the old leader; "
                + "writes, and LEADER and LINEARIZABLE reads, wait for a new leader; SYNC waits for its sync, which "
                + "needs one too.\n\n## Figures\n\n");
        for (String figure : figures) {
            md.append("![").append(figure).append("](").append(figure).append(")\n\n");
        }
        try {
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
