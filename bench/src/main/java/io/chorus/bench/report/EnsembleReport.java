package io.chorus.bench.report;

import io.chorus.bench.ensemble.EnsembleResult;
import io.chorus.bench.ensemble.FailoverResult;
import io.chorus.bench.load.LoadResult;
import io.chorus.bench.load.LoadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The ensemble tables: the load tables of {@link LoadReport} (each server kind a column, then the ratio of
 * every later one to the first), then the failover figures the same way.
 */
public final class EnsembleReport {
    private record Metric(String name, ToDoubleFunction<FailoverResult> value) {
    }

    private static final List<Metric> FAILOVER = List.of(
            new Metric("first write on a new session: p50 (ms)", f -> f.percentile(50)),
            new Metric("first write on a new session: p90 (ms)", f -> f.percentile(90)),
            new Metric("first write on a new session: p99 (ms)", f -> f.percentile(99)),
            new Metric("first write on a new session: max (ms)", FailoverResult::max),
            new Metric("new leader seen by srvr: p50 (ms)", f -> f.electedPercentile(50)),
            new Metric("new leader seen by srvr: max (ms)", f -> f.electedPercentile(100)),
            new Metric("steady writes/s over the rounds", FailoverResult::steadyWritesPerSecond));

    private EnsembleReport() {
    }

    public static String render(int nodes, LoadSpec spec, boolean load, int failovers,
            List<ServerOutcome<EnsembleResult>> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("# Ensembles of %d nodes (each node its own JVM, fsync on, tickTime 2000 ms)%n%n",
                nodes));
        if (load) {
            out.append(String.format("Session i talks to server i mod %d only: reads are served locally, writes go"
                    + " through the leader.%n%n", nodes));
            List<ServerOutcome<List<LoadResult>>> loads = new ArrayList<>();
            for (ServerOutcome<EnsembleResult> o : outcomes) {
                loads.add(o.ok() ? ServerOutcome.succeeded(o.server(), o.result().loads())
                        : ServerOutcome.failed(o.server(), o.failure()));
            }
            out.append(LoadReport.render(spec, loads));
            if (failovers > 0) {
                out.append('\n');
            }
        }
        if (failovers > 0) {
            out.append(failover(spec, failovers, outcomes));
            for (ServerOutcome<EnsembleResult> o : outcomes) {
                if (!o.ok() && !load) {
                    out.append('\n').append(o.server()).append(" failed: ").append(o.failure()).append('\n');
                } else if (o.ok() && o.result().failoverFailure() != null) {
                    out.append('\n').append(o.server()).append(" failover failed: ")
                            .append(o.result().failoverFailure()).append('\n');
                }
            }
        }
        return out.toString();
    }

    static String failover(LoadSpec spec, int failovers, List<ServerOutcome<EnsembleResult>> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("## Leader failover: %d rounds, %d-byte setData by %d synchronous writers"
                + " throughout%n%n", failovers, spec.valueBytes(), spec.sessions()));
        out.append("Each round: SIGKILL the leader, then at once open a stock client on the surviving servers and"
                + " retry a setData until one is acknowledged (the client's own reconnect back-off included); the"
                + " killed node is restarted and the ensemble whole again before the next round. 'New leader seen'"
                + " polls the survivors' srvr every 5 ms. Percentiles are nearest-rank over the rounds.\n\n");
        List<String> header = new ArrayList<>(List.of("metric"));
        outcomes.forEach(o -> header.add(o.server()));
        List<String> ratioHeaders = Figures.ratioHeaders(outcomes.stream().map(ServerOutcome::server).toList());
        header.addAll(ratioHeaders);
        MarkdownTable table = new MarkdownTable(header, 1);
        List<String> rounds = new ArrayList<>(List.of("rounds"));
        for (ServerOutcome<EnsembleResult> o : outcomes) {
            FailoverResult f = failoverOf(o);
            rounds.add(f == null ? Figures.NONE : Figures.count(f.rounds()));
        }
        ratioHeaders.forEach(h -> rounds.add(""));
        table.row(rounds);
        for (Metric metric : FAILOVER) {
            List<String> row = new ArrayList<>(List.of(metric.name()));
            List<Double> values = new ArrayList<>();
            for (ServerOutcome<EnsembleResult> o : outcomes) {
                FailoverResult f = failoverOf(o);
                double v = f == null ? Double.NaN : metric.value().applyAsDouble(f);
                values.add(v);
                row.add(f == null ? Figures.NONE : Figures.count(v));
            }
            row.addAll(Figures.ratios(values));
            table.row(row);
        }
        out.append(table.render());
        return out.toString();
    }

    private static FailoverResult failoverOf(ServerOutcome<EnsembleResult> outcome) {
        return outcome.ok() ? outcome.result().failover() : null;
    }
}
