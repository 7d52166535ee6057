package io.chorus.bench.report;

import io.chorus.bench.tree.TreeResult;
import io.chorus.bench.tree.TreeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The tree table: bulk-create rate, heap per znode, the newest snapshot and all snapshot files on disk,
 * restart time; ratio of second to first. The title says whether the nodes share one value or not.
 */
public final class TreeReport {
    private record Metric(String name, ToDoubleFunction<TreeResult> value, boolean fractional) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("bulk create (znodes/s)", TreeResult::createsPerSecond, false),
            new Metric("heap per znode after full GC (bytes)", TreeResult::heapBytesPerNode, true),
            new Metric("newest snapshot (bytes)", TreeResult::newestSnapshotBytes, false),
            new Metric("newest snapshot per txn it covers (bytes)", TreeResult::newestSnapshotBytesPerTxn, true),
            new Metric("all snapshot files on disk (bytes)", TreeResult::snapshotFilesBytes, false),
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
        out.append(String.format("## Tree: %,d znodes of %d bytes (%s values) under %,d parents; %d sessions, %d"
                        + " creates in flight, %s client socket%n%n", spec.nodes(), spec.valueBytes(),
                spec.values().label(), spec.parents(), spec.sessions(), spec.inFlightMax(), spec.transport().label()));
        out.append(table.render());
        out.append("\nSnapshots are measured after the restart; '-' marks a figure the server did not yield. A server's"
                + " newest snapshot may predate its last creates (each snapshots every so many transactions): the"
                + " per-txn row divides by the transactions the snapshot covers (its zxid counter).\n");
        for (ServerOutcome<TreeResult> o : outcomes) {
            if (o.ok()) {
                TreeResult r = o.result();
                String newest = r.newestSnapshot() == null ? "none" : r.newestSnapshot().toString();
                out.append(String.format(
                        "%s newest snapshot = %s (%s); all snapshot files = %s; files, newest first: %s%n", o.server(),
                        r.newestSnapshotMeasure(), newest, r.snapshotFilesMeasure(),
                        r.describeSnapshots(SNAPSHOTS_LISTED)));
            } else {
                out.append(String.format("%s failed: %s%n", o.server(), o.failure()));
            }
        }
        return out.toString();
    }
}
