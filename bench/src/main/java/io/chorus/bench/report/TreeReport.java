package io.chorus.bench.report;

import io.chorus.bench.tree.TreeResult;
import io.chorus.bench.tree.TreeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The tree table: bulk-create rate, heap per znode, newest snapshot, restart time; ratio of second to first. */
public final class TreeReport {
    private record Metric(String name, ToDoubleFunction<TreeResult> value, boolean fractional) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("bulk create (znodes/s)", TreeResult::createsPerSecond, false),
            new Metric("heap per znode after full GC (bytes)", TreeResult::heapBytesPerNode, true),
            new Metric("snapshot on disk (bytes)", TreeResult::snapshotBytes, false),
            new Metric("restart after SIGKILL to first read (ms)", r -> r.restartMillis(), false));

    /** Snapshot files named per server; the rest are counted. */
    static final int SNAPSHOTS_LISTED = 3;

    private TreeReport() {
    }

    public static String render(TreeSpec spec, List<ServerOutcome<TreeResult>> outcomes) {
        List<String> header = new ArrayList<>(List.of("metric"));
        outcomes.forEach(o -> header.add(o.server()));
        boolean ratio = outcomes.size() == 2;
        if (ratio) {
            header.add(outcomes.get(1).server() + " / " + outcomes.get(0).server());
        }
        MarkdownTable table = new MarkdownTable(header, 1);
        for (Metric metric : METRICS) {
            List<String> row = new ArrayList<>(List.of(metric.name()));
            List<Double> values = new ArrayList<>();
            for (ServerOutcome<TreeResult> o : outcomes) {
                double v = o.ok() ? metric.value().applyAsDouble(o.result()) : Double.NaN;
                values.add(v);
                row.add(!o.ok() || v < 0 ? Figures.NONE : metric.fractional() ? Figures.decimal(v) : Figures.count(v));
            }
            if (ratio) {
                row.add(Figures.ratio(values.get(0), values.get(1)));
            }
            table.row(row);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("## Tree: %,d znodes of %d bytes under %,d parents%n%n", spec.nodes(),
                spec.valueBytes(), spec.parents()));
        out.append(table.render());
        out.append("\nSnapshots are measured after the restart; '-' marks a figure the server did not yield.\n");
        for (ServerOutcome<TreeResult> o : outcomes) {
            if (o.ok()) {
                out.append(String.format("%s snapshot = %s; files, newest first: %s%n", o.server(),
                        o.result().snapshotMeasure(), o.result().describeSnapshots(SNAPSHOTS_LISTED)));
            } else {
                out.append(String.format("%s failed: %s%n", o.server(), o.failure()));
            }
        }
        return out.toString();
    }
}
