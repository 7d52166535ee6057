package io.chorus.bench.report;

import io.chorus.bench.load.LoadResult;
import io.chorus.bench.load.LoadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The load tables: side by side (throughput and p50/p99/p999 per workload, each server a column, then
 * the ratio of every later server to the first), and one detail row per server and workload.
 */
public final class LoadReport {
    private record Metric(String name, ToDoubleFunction<LoadResult> value) {
    }

    private static final List<Metric> SIDE_BY_SIDE = List.of(
            new Metric("throughput (ops/s)", LoadResult::throughputPerSecond),
            new Metric("p50 (us)", r -> r.percentileMicros(50)),
            new Metric("p99 (us)", r -> r.percentileMicros(99)),
            new Metric("p999 (us)", r -> r.percentileMicros(99.9)));

    private LoadReport() {
    }

    public static String render(LoadSpec spec, List<ServerOutcome<List<LoadResult>>> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("## Load: %d sessions x %d in flight (%s client socket), %d-byte values, %,d keys, "
                        + "%,d ms warm-up, %,d ms measured%n%n", spec.sessions(), spec.inFlightPerSession(),
                spec.transport().label(), spec.valueBytes(), spec.keyCount(), spec.warmupMillis(),
                spec.measuredMillis()));
        out.append(sideBySide(outcomes)).append('\n');
        out.append(details(outcomes));
        for (ServerOutcome<List<LoadResult>> o : outcomes) {
            if (!o.ok()) {
                out.append('\n').append(o.server()).append(" failed: ").append(o.failure()).append('\n');
                continue;
            }
            for (LoadResult r : o.result()) {
                if (r.errors() > 0) {
                    out.append(String.format("%n%s %s: %,d requests failed, the first %s%n", o.server(),
                            r.workload().label(), r.errors(), r.firstError()));
                }
            }
        }
        return out.toString();
    }

    static String sideBySide(List<ServerOutcome<List<LoadResult>>> outcomes) {
        List<String> header = new ArrayList<>(List.of("workload", "metric"));
        outcomes.forEach(o -> header.add(o.server()));
        header.addAll(Figures.ratioHeaders(outcomes.stream().map(ServerOutcome::server).toList()));
        MarkdownTable table = new MarkdownTable(header, 2);
        for (String workload : workloads(outcomes)) {
            for (Metric metric : SIDE_BY_SIDE) {
                List<String> row = new ArrayList<>(List.of(workload, metric.name()));
                List<Double> values = new ArrayList<>();
                for (ServerOutcome<List<LoadResult>> o : outcomes) {
                    LoadResult r = find(o, workload);
                    values.add(r == null ? Double.NaN : metric.value().applyAsDouble(r));
                    row.add(r == null ? Figures.NONE : Figures.count(values.get(values.size() - 1)));
                }
                row.addAll(Figures.ratios(values));
                table.row(row);
            }
        }
        return table.render();
    }

    static String details(List<ServerOutcome<List<LoadResult>>> outcomes) {
        MarkdownTable table = new MarkdownTable(List.of("server", "workload", "measured ops", "errors",
                "ops/s", "p50 (us)", "p90 (us)", "p99 (us)", "p999 (us)", "max (us)"), 2);
        for (ServerOutcome<List<LoadResult>> o : outcomes) {
            if (!o.ok()) {
                continue;
            }
            for (LoadResult r : o.result()) {
                table.row(List.of(o.server(), r.workload().label(), Figures.count(r.measuredOps()),
                        Figures.count(r.errors()), Figures.count(r.throughputPerSecond()),
                        Figures.count(r.percentileMicros(50)), Figures.count(r.percentileMicros(90)),
                        Figures.count(r.percentileMicros(99)), Figures.count(r.percentileMicros(99.9)),
                        Figures.count(r.maxMicros())));
            }
        }
        return table.render();
    }

    private static List<String> workloads(List<ServerOutcome<List<LoadResult>>> outcomes) {
        List<String> names = new ArrayList<>();
        for (ServerOutcome<List<LoadResult>> o : outcomes) {
            if (o.ok()) {
                o.result().stream().map(r -> r.workload().label()).filter(n -> !names.contains(n)).forEach(names::add);
            }
        }
        return names;
    }

    private static LoadResult find(ServerOutcome<List<LoadResult>> outcome, String workload) {
        if (!outcome.ok()) {
            return null;
        }
        return outcome.result().stream().filter(r -> r.workload().label().equals(workload)).findFirst().orElse(null);
    }
}
