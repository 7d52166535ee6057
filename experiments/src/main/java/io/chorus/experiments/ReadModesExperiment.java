package io.chorus.experiments;

import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.output.Charts;
import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.ReadMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * The read-mode experiment: the sweep of {@link ReadModesPlan} in the simulator and on real processes, then
 * summary.csv, ops.csv.gz, the plots and report.md in the output directory.
 */
public final class ReadModesExperiment {
    public static final String NAME = "read-modes";

    /** What came out: the summaries and the files written. */
    public record Outcome(List<RunSummary> summaries, Path directory, Path report) {
    }

    private ReadModesExperiment() {
    }

    public static Outcome run(ReadModesPlan plan, Path out, String command, PrintStream progressOut) {
        Sweep.Swept swept = Sweep.intoDirectory(NAME, plan.simRuns(), plan.realRuns(), out, progressOut);
        List<RunSummary> summaries = swept.summaries();
        List<String> figures = plot(summaries, out);
        Path report = out.resolve("report.md");
        ReadModesReport.write(report, plan, summaries, figures, command, swept.elapsedSeconds());
        return new Outcome(summaries, out, report);
    }

    /** Draws the figures; returns their file names in the order the report shows them. */
    static List<String> plot(List<RunSummary> summaries, Path out) {
        List<String> files = new ArrayList<>();
        for (String variant : List.of("sim", "real")) {
            for (String system : systems(summaries, variant)) {
                Predicate<RunSummary> slice = s -> s.spec().variant().equals(variant) && s.spec().system().equals(system)
                        && s.spec().ensembleSize() == 3 && s.spec().lag() == FollowerLag.NONE;
                Map<String, double[][]> series = new LinkedHashMap<>();
                for (ReadMode mode : ReadMode.values()) {
                    List<RunSummary> runs = summaries.stream().filter(slice)
                            .filter(s -> s.spec().mode() == mode && s.measured())
                            .sorted((a, b) -> Integer.compare(a.spec().readPercent(), b.spec().readPercent())).toList();
                    if (!runs.isEmpty()) {
                        series.put(mode.label(), new double[][] {
                                runs.stream().mapToDouble(s -> s.spec().readPercent()).toArray(),
                                runs.stream().mapToDouble(RunSummary::opsPerSecond).toArray()});
                    }
                }
                if (series.isEmpty()) {
                    continue;
                }
                String file = "throughput-" + variant + "-" + system + ".png";
                Charts.lines(out.resolve(file), "Throughput vs read ratio per mode (" + variant + ", " + system
                        + ", 3 servers, no lag)", "reads (%)", "operations per second"
                        + (variant.equals("sim") ? " (simulated time)" : ""), series, Map.of(), false);
                files.add(file);
            }
        }
        for (FollowerLag lag : FollowerLag.values()) {
            Map<String, double[][]> series = new LinkedHashMap<>();
            for (ReadMode mode : ReadMode.values()) {
                Histogram merged = new Histogram(3);
                summaries.stream().filter(s -> s.spec().variant().equals("sim") && s.spec().lag() == lag
                        && s.spec().mode() == mode && s.measured()).forEach(s -> merged.add(s.stalenessHistogram()));
                if (merged.getTotalCount() > 0) {
                    series.put(mode.label(), cdf(merged));
                }
            }
            if (!series.isEmpty()) {
                String file = "staleness-" + lag.label() + ".png";
                Charts.lines(out.resolve(file), "Staleness per mode, simulator, lag: " + lag.label()
                        + " (all sizes, ratios, protocols)", "committed writes behind at invocation (zxids)",
                        "fraction of reads at most this stale", series, Map.of(), true);
                files.add(file);
            }
        }
        List<String> lags = new ArrayList<>();
        for (FollowerLag lag : FollowerLag.values()) {
            lags.add(lag.label());
        }
        Map<String, List<Double>> violations = new LinkedHashMap<>();
        for (ReadMode mode : modes(summaries)) {
            List<Double> rates = new ArrayList<>();
            for (FollowerLag lag : FollowerLag.values()) {
                rates.add(100 * pooledViolationRate(summaries.stream().filter(s -> s.spec().variant().equals("sim")
                        && s.spec().lag() == lag && s.spec().mode() == mode && s.measured()).toList()));
            }
            violations.put(mode.label(), rates);
        }
        Charts.bars(out.resolve("violations.png"), "Reads violating linearizability, simulator (all sizes, ratios, "
                + "protocols)", "injected follower lag", "violating reads (%)", lags, violations);
        files.add("violations.png");
        return files;
    }

    /** Violating reads over answered reads across the runs; NaN when they have no reads. */
    static double pooledViolationRate(List<RunSummary> runs) {
        long violations = runs.stream().mapToLong(RunSummary::violations).sum();
        long reads = runs.stream().mapToLong(s -> s.stalenessHistogram().getTotalCount()).sum();
        return reads == 0 ? Double.NaN : (double) violations / reads;
    }

    /** The cumulative distribution of a histogram of small integers: x = value, y = fraction at most x. */
    static double[][] cdf(Histogram histogram) {
        long max = histogram.getMaxValue();
        int points = (int) Math.min(max + 1, 200);
        double[] x = new double[points];
        double[] y = new double[points];
        double total = histogram.getTotalCount();
        for (int i = 0; i < points; i++) {
            long value = max < 200 ? i : Math.round((double) i * max / (points - 1));
            x[i] = value;
            y[i] = histogram.getCountBetweenValues(0, value) / total;
        }
        return new double[][] {x, y};
    }

    /** The modes the summaries have, in {@link ReadMode} order. */
    static List<ReadMode> modes(List<RunSummary> summaries) {
        return java.util.Arrays.stream(ReadMode.values())
                .filter(mode -> summaries.stream().anyMatch(s -> s.spec().mode() == mode)).toList();
    }

    static List<String> systems(List<RunSummary> summaries, String variant) {
        return summaries.stream().filter(s -> s.spec().variant().equals(variant)).map(s -> s.spec().system())
                .distinct().toList();
    }
}
