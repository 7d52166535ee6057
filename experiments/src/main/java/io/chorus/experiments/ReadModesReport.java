package io.chorus.experiments;

import io.chorus.api.ReadConsistency;
import io.chorus.bench.report.MarkdownTable;
import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.output.Machine;
import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.SimReadModeRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** report.md of the read-mode experiment: how it was run, the figures, the key numbers, and what they say. */
final class ReadModesReport {
    private ReadModesReport() {
    }

    static void write(Path file, ReadModesPlan plan, List<RunSummary> summaries, List<String> figures, String command,
            double elapsedSeconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Read modes: cost and staleness\n\n");
        md.append("Produced by `").append(command).append("` on ").append(Instant.now()).append(" in ")
                .append(String.format(Locale.ROOT, "%.0f", elapsedSeconds)).append(" s.\n\n");
        md.append("- Machine: ").append(Machine.describe()).append('\n');
        md.append("- Seed: ").append(plan.seed()).append(" (every simulated run uses it; the real runs seed their "
                + "clients' choices with it)\n");
        md.append("- Simulator sweep: modes ").append(plan.modes()).append(", reads ").append(plan.readPercents())
                .append(" %, servers ").append(plan.sizes()).append(", lag ").append(plan.lags()).append(", protocols ")
                .append(plan.protocols()).append("; ").append(plan.clientsPerServer())
                .append(" closed-loop clients per server (0-2 ms think time) plus one read-only client per server "
                        + "(it keeps reading a cut-off follower while the mixed clients there wait on a write), 8 keys, ").append(plan.simMillis())
                .append(" simulated ms measured per run after a leader serves and the keys exist. Network 1-5 ms per "
                        + "message, fsync 1-3 ms, no loss. A slow follower: ")
                .append(SimReadModeRun.SLOW_LINK_MILLIS).append(" ms more on every message to or from it. A "
                        + "partitioned follower: cut off from every other server for the middle half of the window, "
                        + "then healed.\n");
        if (!plan.realSystems().isEmpty()) {
            md.append("- Real processes: ").append(plan.realSystems()).append(", 3 servers on loopback (fsync on), ")
                    .append(plan.realClients()).append(" closed-loop clients spread over the servers, reads ")
                    .append(plan.realReadPercents()).append(" %, ").append(plan.realMillis())
                    .append(" ms measured per run, no injected lag. ZooKeeper serves LOCAL and SYNC only (SYNC as its "
                            + "recipe: sync, then the read).\n");
        }
        md.append("- Raw results: `summary.csv` (one row per run), `ops.csv.gz` (every operation: invocation and "
                + "answer times, served zxid, mzxid).\n\n");
        Set<String> unsupported = new LinkedHashSet<>();
        for (RunSummary s : summaries) {
            if (!s.measured()) {
                unsupported.add(s.spec().variant() + " " + s.spec().system() + " " + s.spec().mode() + ": "
                        + s.unsupported());
            }
        }
        if (!unsupported.isEmpty()) {
            md.append("Not measured:\n\n");
            unsupported.forEach(u -> md.append("- ").append(u).append('\n'));
            md.append('\n');
        }
        md.append("## Definitions\n\n");
        md.append("- **Staleness** of a read: how many writes acknowledged before the read was invoked have a zxid "
                + "above the zxid its state reflects (the reply header's zxid: the serving server's last applied).\n");
        md.append("- **Visibility delay** of a write at a server: from the write's acknowledgement to the first read "
                + "answered through that server whose state reflects it (0 if one was answered before the ack).\n");
        md.append("- **Violation**: a read that returned a value already superseded, at its invocation, by a write "
                + "acknowledged or a newer value read before it (per key: writes are ordered by zxid, so this is "
                + "exactly a linearizability violation of the register).\n\n");
        md.append("## Figures\n\n");
        for (String figure : figures) {
            md.append("![").append(figure).append("](").append(figure).append(")\n\n");
        }
        md.append("## Simulator, zab, 3 servers, 90 % reads\n\n");
        md.append(table(summaries, s -> s.spec().variant().equals("sim") && s.spec().system().equals("zab")
                && s.spec().ensembleSize() == 3 && s.spec().readPercent() == 90));
        if (summaries.stream().anyMatch(s -> s.spec().variant().equals("real"))) {
            md.append("\n## Real processes, 3 servers, no lag\n\n");
            md.append(table(summaries, s -> s.spec().variant().equals("real")));
        }
        md.append("\n## Against the theory\n\n");
        for (String finding : findings(summaries)) {
            md.append("- ").append(finding).append('\n');
        }
        try {
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String table(List<RunSummary> summaries, java.util.function.Predicate<RunSummary> slice) {
        MarkdownTable table = new MarkdownTable(List.of("system", "reads %", "lag", "mode", "ops/s", "read p50 ms",
                "read p99 ms", "write p50 ms", "stale reads", "mean behind", "p99 behind", "visible p50 ms",
                "visible p99 ms", "violations"), 4);
        for (RunSummary s : summaries) {
            if (!slice.test(s)) {
                continue;
            }
            if (!s.measured()) {
                table.row(List.of(s.spec().system(), Integer.toString(s.spec().readPercent()), s.spec().lag().label(),
                        s.spec().mode().name(), "n/a", "", "", "", "", "", "", "", "", "not served"));
                continue;
            }
            table.row(List.of(s.spec().system(), Integer.toString(s.spec().readPercent()), s.spec().lag().label(),
                    s.spec().mode().name(), f0(s.opsPerSecond()), f1(s.readP50Millis()), f1(s.readP99Millis()),
                    f1(s.writeP50Millis()), pct(s.staleFraction()), f2(s.stalenessMean()),
                    Long.toString(s.stalenessP99()), f1(s.visibilityP50Millis()), f1(s.visibilityP99Millis()),
                    pct(s.violationFraction())));
        }
        return table.render();
    }

    /** Each expectation of the theory, with the numbers that bear on it and whether they agree. */
    static List<String> findings(List<RunSummary> summaries) {
        List<String> out = new ArrayList<>();
        List<RunSummary> sim = summaries.stream().filter(s -> s.spec().variant().equals("sim") && s.measured()).toList();
        // LOCAL fastest
        Optional<Double> localP50 = pooledP50(sim, ReadConsistency.LOCAL, FollowerLag.NONE);
        List<String> slower = new ArrayList<>();
        boolean localFastest = localP50.isPresent();
        for (ReadConsistency mode : List.of(ReadConsistency.SYNC, ReadConsistency.LEADER, ReadConsistency.LINEARIZABLE)) {
            Optional<Double> p50 = pooledP50(sim, mode, FollowerLag.NONE);
            if (p50.isPresent() && localP50.isPresent()) {
                slower.add(mode + " " + f1(p50.get()) + " ms");
                localFastest &= localP50.get() <= p50.get();
            }
        }
        out.add("**LOCAL is fastest**: median read latency with no lag (simulator, median of the runs' medians) "
                + localP50.map(v -> "LOCAL " + f1(v) + " ms").orElse("LOCAL not measured")
                + (slower.isEmpty() ? "" : " vs " + String.join(", ", slower)) + ". "
                + (localFastest ? "Agrees." : "Does not agree, or not measured."));
        // LOCAL stale
        double localStale = pooledStale(sim, ReadConsistency.LOCAL, true);
        double syncStale = pooledStale(sim, ReadConsistency.SYNC, true);
        out.add("**LOCAL is stale**: under an injected lag " + pct(localStale) + " of LOCAL reads were behind at "
                + "invocation (pooled over the lagged runs); " + pct(pooledStale(sim, ReadConsistency.LOCAL, false))
                + " with no lag. " + (localStale > 0 ? "Agrees." : "No stale LOCAL read was seen."));
        out.add("**SYNC narrows but does not close the gap**: under lag " + pct(syncStale) + " of SYNC reads were "
                + "behind at invocation, against " + pct(localStale) + " for LOCAL; SYNC violations: "
                + violations(sim, ReadConsistency.SYNC) + ". "
                + (Double.isNaN(syncStale) ? "Not measured."
                        : syncStale < localStale ? (syncStale > 0 || violations(sim, ReadConsistency.SYNC) > 0
                                ? "Agrees: narrower, not closed." : "Narrower; in these runs closed entirely (a sync "
                                        + "only fails to close it when the server that orders it is a deposed leader, "
                                        + "which these runs do not provoke).")
                        : "Does not agree."));
        List<RunSummary> real = summaries.stream().filter(s -> s.spec().variant().equals("real") && s.measured()
                && s.spec().readPercent() == 99).toList();
        Optional<Double> leaderReads = real.stream().filter(s -> s.spec().mode() == ReadConsistency.LEADER
                && !s.spec().system().equals("zookeeper")).map(RunSummary::readsPerSecond).findFirst();
        Optional<Double> localReads = real.stream().filter(s -> s.spec().mode() == ReadConsistency.LOCAL
                && !s.spec().system().equals("zookeeper")).map(RunSummary::readsPerSecond).findFirst();
        out.add("**LEADER is bounded by one server**: " + (leaderReads.isPresent() && localReads.isPresent()
                ? "with real processes at 99 % reads, LEADER served " + f0(leaderReads.get()) + " reads/s against "
                        + f0(localReads.get()) + " for LOCAL, which every server serves. "
                        + (leaderReads.get() < localReads.get() ? "Agrees." : "Does not agree on this machine (two "
                                + "cores shared by all servers and clients: the servers do not scale out here).")
                : "not measured (LEADER is not served by this build, or no real runs were made). The simulator "
                        + "models latency, not a server's capacity, so it cannot show this bound."));
        long linViolations = violations(sim, ReadConsistency.LINEARIZABLE);
        Optional<Double> linP50 = pooledP50(sim, ReadConsistency.LINEARIZABLE, FollowerLag.NONE);
        Optional<Double> leaderP50 = pooledP50(sim, ReadConsistency.LEADER, FollowerLag.NONE);
        out.add("**LINEARIZABLE never violates, at the price of a quorum round or a lease**: " + (linP50.isPresent()
                ? linViolations + " violating reads; median latency " + f1(linP50.get()) + " ms"
                        + leaderP50.map(v -> " against " + f1(v) + " ms for LEADER").orElse("")
                        + localP50.map(v -> " and " + f1(v) + " ms for LOCAL").orElse("") + ". "
                        + (linViolations == 0 ? "Agrees." : "Does not agree: see the violating runs in summary.csv.")
                : "not measured (LINEARIZABLE is not served by this build)."));
        return out;
    }

    private static Optional<Double> pooledP50(List<RunSummary> sim, ReadConsistency mode, FollowerLag lag) {
        List<Double> p50s = sim.stream().filter(s -> s.spec().mode() == mode && s.spec().lag() == lag)
                .map(RunSummary::readP50Millis).filter(v -> !v.isNaN()).sorted().toList();
        return p50s.isEmpty() ? Optional.empty() : Optional.of(p50s.get(p50s.size() / 2));
    }

    private static double pooledStale(List<RunSummary> sim, ReadConsistency mode, boolean lagged) {
        long stale = 0;
        long reads = 0;
        for (RunSummary s : sim) {
            if (s.spec().mode() == mode && (s.spec().lag() != FollowerLag.NONE) == lagged) {
                reads += s.stalenessHistogram().getTotalCount();
                stale += s.stalenessHistogram().getTotalCount() - s.stalenessHistogram().getCountAtValue(0);
            }
        }
        return reads == 0 ? Double.NaN : (double) stale / reads;
    }

    private static long violations(List<RunSummary> sim, ReadConsistency mode) {
        return sim.stream().filter(s -> s.spec().mode() == mode).mapToLong(RunSummary::violations).sum();
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    static String list(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
