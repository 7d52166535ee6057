package io.chorus.experiments;

import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.bench.report.MarkdownTable;
import io.chorus.experiments.analysis.FailoverSummary;
import io.chorus.experiments.output.Charts;
import io.chorus.experiments.output.Csv;
import io.chorus.experiments.output.Machine;
import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.ReadMode;
import io.chorus.experiments.run.RealEnsemble;
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
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The failover experiment: kill the leader under load, with reads in every mode side by side; the time to the
 * first write after the loss, how long each read mode had no answer, and a timeline of answered operations. Each
 * Chorus ensemble runs once per way of confirming LINEARIZABLE reads: with a lease the survivors elect no new
 * leader before their promises to the lost one run out, and a timeline of both runs aligned on the loss shows
 * what that costs.
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
        try (Csv.OpsWriter ops = new Csv.OpsWriter(out.resolve("ops.csv.gz"))) {
            for (String protocol : plan.simProtocols()) {
                for (LeaderReadMode reads : plan.leaderReads()) {
                    ReadMode linearizable = ReadMode.of(ReadConsistency.LINEARIZABLE, reads);
                    RunSpec spec = new RunSpec("sim", protocol, 3, 90, linearizable, FollowerLag.NONE,
                            plan.simClients(), plan.simMillis(), plan.seed());
                    RunRecord record = SimReadModeRun.runFailover(spec, modes(linearizable));
                    ops.append(record);
                    records.add(record);
                    progress.step("sim " + protocol + " " + ReadMode.configValue(reads));
                }
            }
            for (String system : plan.realSystems()) {
                if (system.equals("zookeeper")) {
                    RunSpec spec = new RunSpec("real", system, 3, 90, ReadMode.LOCAL, FollowerLag.NONE,
                            plan.realClients(), plan.realMillis(), plan.seed());
                    RunRecord record = RealFailoverRun.run(spec, List.of(ReadMode.LOCAL, ReadMode.SYNC));
                    ops.append(record);
                    records.add(record);
                    progress.step("real " + system);
                    continue;
                }
                for (LeaderReadMode reads : plan.leaderReads()) {
                    ReadMode linearizable = ReadMode.of(ReadConsistency.LINEARIZABLE, reads);
                    RunSpec spec = new RunSpec("real", system, 3, 90, linearizable, FollowerLag.NONE,
                            plan.realClients(), plan.realMillis(reads), plan.seed());
                    RunRecord record = RealFailoverRun.run(spec, modes(linearizable));
                    ops.append(record);
                    records.add(record);
                    progress.step("real " + system + " " + ReadMode.configValue(reads));
                }
            }
        }
        List<FailoverSummary> summaries = records.stream().map(FailoverSummary::of).toList();
        writeCsv(out.resolve("failover.csv"), records, summaries);
        List<String> figures = new ArrayList<>();
        for (RunRecord record : records) {
            String file = timelineFile(record.spec());
            timeline(out.resolve(file), record);
            figures.add(file);
        }
        List<String> comparisons = new ArrayList<>();
        for (RunRecord[] pair : leasePairs(records)) {
            String file = "lease-vs-readindex-" + pair[0].spec().variant() + "-" + pair[0].spec().system() + ".png";
            comparison(out.resolve(file), pair[0], pair[1]);
            comparisons.add(file);
        }
        Path report = out.resolve("report.md");
        writeReport(report, plan, records, summaries, figures, comparisons, command, progress.elapsedSeconds());
        return new Outcome(records, summaries, out, report);
    }

    /** LOCAL, SYNC, LEADER and the run's LINEARIZABLE mode: client i reads in the (i mod 4)th. */
    static List<ReadMode> modes(ReadMode linearizable) {
        return List.of(ReadMode.LOCAL, ReadMode.SYNC, ReadMode.LEADER, linearizable);
    }

    /** timeline-sim-zab.png for a run with ReadIndex (or ZooKeeper), timeline-sim-zab-lease.png with a lease. */
    static String timelineFile(RunSpec spec) {
        return "timeline-" + spec.variant() + "-" + spec.system() + (lease(spec) ? "-lease" : "") + ".png";
    }

    private static boolean lease(RunSpec spec) {
        return spec.chorus() && spec.leaderReads() == LeaderReadMode.LEASE;
    }

    /** The runs of one variant and system with ReadIndex and with a lease: {readIndex, lease}. */
    static List<RunRecord[]> leasePairs(List<RunRecord> records) {
        List<RunRecord[]> pairs = new ArrayList<>();
        for (RunRecord readIndex : records) {
            if (!readIndex.spec().chorus() || lease(readIndex.spec())) {
                continue;
            }
            records.stream().filter(r -> lease(r.spec()) && r.spec().variant().equals(readIndex.spec().variant())
                    && r.spec().system().equals(readIndex.spec().system())).findFirst()
                    .ifPresent(lease -> pairs.add(new RunRecord[] {readIndex, lease}));
        }
        return pairs;
    }

    static void timeline(Path file, RunRecord record) {
        long start = record.windowStartMicros();
        int buckets = (int) ((record.windowEndMicros() - start) / BUCKET_MICROS);
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("writes", counts(record, start, start, buckets, TimedOp::write));
        for (ReadConsistency consistency : ReadConsistency.values()) {
            Predicate<TimedOp> reads = op -> !op.write() && op.mode() == consistency;
            if (record.ops().stream().anyMatch(reads)) {
                series.put(ReadMode.of(consistency, record.spec().leaderReads()).label() + " reads",
                        counts(record, start, start, buckets, reads));
            }
        }
        Map<String, Double> markers = new LinkedHashMap<>();
        for (RunRecord.Marker marker : record.markers()) {
            markers.put(marker.label(), (marker.atMicros() - start) / 1e6);
        }
        Charts.lines(file, "Failover timeline (" + record.spec().variant() + ", " + record.spec().system()
                + (record.spec().chorus() ? ", " + ReadMode.configValue(record.spec().leaderReads()) : "")
                + ", 3 servers): answered operations per 100 ms", "time (s" + (record.spec().variant().equals("sim")
                        ? ", simulated" : "") + ")", "answered per 100 ms", series, markers, false);
    }

    /**
     * The ReadIndex run and the lease run of one system on one chart, aligned on the leader's loss (time 0): their
     * writes and their LINEARIZABLE reads.
     */
    static void comparison(Path file, RunRecord readIndex, RunRecord lease) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        Map<String, Double> markers = new LinkedHashMap<>();
        markers.put("leader lost", 0.0);
        for (RunRecord record : List.of(readIndex, lease)) {
            String how = ReadMode.configValue(record.spec().leaderReads());
            long loss = FailoverSummary.of(record).lossMicros();
            long start = record.windowStartMicros();
            int buckets = (int) ((record.windowEndMicros() - start) / BUCKET_MICROS);
            series.put("writes (" + how + ")", counts(record, start, loss, buckets, TimedOp::write));
            series.put(ReadMode.of(ReadConsistency.LINEARIZABLE, record.spec().leaderReads()).label() + " reads",
                    counts(record, start, loss, buckets,
                            op -> !op.write() && op.mode() == ReadConsistency.LINEARIZABLE));
            for (RunRecord.Marker marker : record.markers().subList(Math.min(1, record.markers().size()),
                    record.markers().size())) {
                markers.put(marker.label().replaceAll("^server \\d+ ", "") + " (" + how + ")",
                        (marker.atMicros() - loss) / 1e6);
            }
        }
        Charts.lines(file, "Failover with ReadIndex and with a lease (" + readIndex.spec().variant() + ", "
                + readIndex.spec().system() + ", 3 servers): answered per 100 ms", "time since the leader's loss (s"
                        + (readIndex.spec().variant().equals("sim") ? ", simulated" : "") + ")",
                "answered per 100 ms", series, markers, false);
    }

    /** Answered operations per bucket from {@code start}, x in seconds from {@code zero}. */
    private static double[][] counts(RunRecord record, long start, long zero, int buckets, Predicate<TimedOp> in) {
        double[] x = new double[buckets];
        double[] y = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            x[i] = (start + i * BUCKET_MICROS - zero) / 1e6;
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
            out.write("variant,system,seed,linearizable_reads,series,first_after_loss_ms,longest_gap_ms,"
                    + "failed_after_loss,answered_after_loss\n");
            for (int i = 0; i < records.size(); i++) {
                RunSpec spec = records.get(i).spec();
                for (FailoverSummary.Series s : summaries.get(i).series().values()) {
                    out.write(String.join(",", spec.variant(), spec.system(), Long.toString(spec.seed()),
                            spec.linearizableReadsSetting(), s.name(), num(s.firstAfterLossMillis()),
                            num(s.longestGapMillis()), Long.toString(s.failedAfterLoss()),
                            Long.toString(s.answeredAfterLoss())) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeReport(Path file, FailoverPlan plan, List<RunRecord> records,
            List<FailoverSummary> summaries, List<String> figures, List<String> comparisons, String command,
            double elapsedSeconds) {
        StringBuilder md = new StringBuilder("# Failover: the leader killed under load\n\n");
        md.append("Produced by `").append(command).append("` on ").append(Instant.now()).append(" in ")
                .append(String.format(Locale.ROOT, "%.0f", elapsedSeconds)).append(" s.\n\n");
        md.append("- Machine: ").append(Machine.describe()).append('\n');
        md.append("- Seed: ").append(plan.seed()).append('\n');
        md.append("- Workload: 90 % reads over 8 keys, client i reading in mode i mod 4 (LOCAL, SYNC, LEADER and the "
                + "run's LINEARIZABLE mode; ZooKeeper: LOCAL and SYNC), clients spread over 3 servers. The leader is "
                + "crashed (simulator) or killed with SIGKILL (processes) a quarter into the window and restarted at "
                + "three quarters.\n");
        md.append("- LINEARIZABLE reads: each Chorus ensemble runs once per way of confirming them, ")
                .append(String.join(" and ", plan.leaderReads().stream().map(r -> r == LeaderReadMode.LEASE
                        ? "with a lease (`linearizableReads=lease`: reads shown as LINEARIZABLE-LEASE; a follower "
                                + "promises to help elect no other leader for a while after each heartbeat it "
                                + "answers: in the simulator " + SimReadModeRun.leaseMillis("zab") + " ms for Zab "
                                + "(syncLimit x tick) and " + SimReadModeRun.leaseMillis("paxos-lite") + " ms for "
                                + "paxos-lite (its election timeout), drift allowance "
                                + SimReadModeRun.LEASE_DRIFT_MILLIS + " ms; on real processes "
                                + RealEnsemble.leaseMillis() + " ms (syncLimit x tickTime), `leaseClockDriftMillis="
                                + RealEnsemble.LEASE_DRIFT_MILLIS + "`)"
                        : "with a quorum round (`linearizableReads=readindex`: reads shown as LINEARIZABLE)").toList()))
                .append(".\n");
        md.append("- Simulator: ").append(plan.simProtocols()).append(", ").append(plan.simClients())
                .append(" clients, ").append(plan.simMillis()).append(" simulated ms.\n");
        if (!plan.realSystems().isEmpty()) {
            md.append("- Real processes: ").append(plan.realSystems()).append(", ").append(plan.realClients())
                    .append(" clients, ").append(plan.realMillis(LeaderReadMode.READ_INDEX)).append(" ms");
            if (plan.leaderReads().contains(LeaderReadMode.LEASE)) {
                md.append(" (").append(plan.realMillis(LeaderReadMode.LEASE)).append(" ms with a lease, so that the "
                        + "promises run out inside the window)");
            }
            md.append(".\n");
        }
        md.append("- Raw results: `failover.csv` (per series), `ops.csv.gz` (every operation).\n\n");
        md.append("## Per series\n\n");
        MarkdownTable table = new MarkdownTable(List.of("variant", "system", "linearizable reads", "series",
                "first answer after loss ms", "longest gap ms", "failed after loss", "answered after loss"), 4);
        for (int i = 0; i < records.size(); i++) {
            RunSpec spec = records.get(i).spec();
            for (FailoverSummary.Series s : summaries.get(i).series().values()) {
                table.row(List.of(spec.variant(), spec.system(), spec.linearizableReadsSetting(), s.name(),
                        num(s.firstAfterLossMillis()), num(s.longestGapMillis()), Long.toString(s.failedAfterLoss()),
                        Long.toString(s.answeredAfterLoss())));
            }
        }
        md.append(table.render()).append('\n');
        md.append("A series whose reads were refused (a mode this build does not serve) shows failures and no "
                + "answers. LOCAL reads on the surviving followers stay available until they leave the old leader; "
                + "writes, and LEADER and LINEARIZABLE reads, wait for a new leader; SYNC waits for its sync, which "
                + "needs one too. With a lease, the survivors elect no new leader before their promises to the lost "
                + "one have run out, so all of these wait up to a promise's length longer, and so do LOCAL reads on "
                + "servers that have left the old leader and look for a new one (they serve nothing meanwhile).\n\n");
        List<RunRecord[]> pairs = leasePairs(records);
        if (!pairs.isEmpty()) {
            md.append("## Lease against ReadIndex\n\n");
            for (RunRecord[] pair : pairs) {
                md.append("- ").append(leaseFinding(pair[0], pair[1], records, summaries)).append('\n');
            }
            md.append('\n');
            for (String figure : comparisons) {
                md.append("![").append(figure).append("](").append(figure).append(")\n\n");
            }
        }
        md.append("## Figures\n\n");
        for (String figure : figures) {
            md.append("![").append(figure).append("](").append(figure).append(")\n\n");
        }
        try {
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** What the pair of runs of one system shows: writes and LINEARIZABLE reads back after the loss, each way. */
    private static String leaseFinding(RunRecord readIndex, RunRecord lease, List<RunRecord> records,
            List<FailoverSummary> summaries) {
        FailoverSummary ri = summaries.get(records.indexOf(readIndex));
        FailoverSummary ls = summaries.get(records.indexOf(lease));
        RunSpec spec = readIndex.spec();
        long promise = spec.variant().equals("sim") ? SimReadModeRun.leaseMillis(spec.system())
                : RealEnsemble.leaseMillis();
        double riWrites = first(ri, "writes");
        double lsWrites = first(ls, "writes");
        double riReads = first(ri, ReadMode.LINEARIZABLE.label());
        double lsReads = first(ls, ReadMode.LINEARIZABLE_LEASE.label());
        String verdict = Double.isNaN(lsWrites)
                ? "With the lease no write was answered after the loss within the window."
                : Double.isNaN(riWrites) ? "With ReadIndex no write was answered after the loss within the window."
                : lsWrites > riWrites ? String.format(Locale.ROOT, "The lease cost %.0f ms more of unavailability, "
                        + "against a promise of %d ms.", lsWrites - riWrites, promise)
                : "The lease cost no more unavailability here: the survivors' election took as long as the promise "
                        + "lasted anyway.";
        return "**" + spec.variant() + ", " + spec.system() + "**: the first write answered after the loss came "
                + ms(riWrites) + " after it with ReadIndex and " + ms(lsWrites) + " with a lease; the first "
                + "LINEARIZABLE read " + ms(riReads) + ", the first LINEARIZABLE-LEASE read " + ms(lsReads)
                + " (a follower's promise lasts " + promise + " ms after the last heartbeat it answered). " + verdict;
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "never (in the window)" : String.format(Locale.ROOT, "%.0f ms", value);
    }

    private static double first(FailoverSummary summary, String series) {
        return Optional.ofNullable(summary.series().get(series)).map(FailoverSummary.Series::firstAfterLossMillis)
                .orElse(Double.NaN);
    }

    static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
