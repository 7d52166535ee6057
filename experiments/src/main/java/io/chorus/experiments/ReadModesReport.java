package io.chorus.experiments;

import io.chorus.bench.report.MarkdownTable;
import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.output.Machine;
import io.chorus.experiments.run.FollowerLag;
import io.chorus.experiments.run.ReadMode;
import io.chorus.experiments.run.RealEnsemble;
import io.chorus.experiments.run.RealReadModeRuns;
import io.chorus.experiments.run.SimReadModeRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
                    .append(" ms measured per run after ").append(RealReadModeRuns.WARM_UP_MILLIS / 1_000)
                    .append(" s of warm-up load per ensemble in its modes, no injected lag. ZooKeeper serves LOCAL "
                            + "and SYNC only (SYNC as its recipe: sync, then the read).\n");
        }
        md.append("- LINEARIZABLE reads: ").append(linearizableSettings(plan)).append('\n');
        md.append("- Raw results: `summary.csv` (one row per run; `linearizable_reads` is the ensemble's setting), "
                + "`ops.csv.gz` (every operation: invocation and answer times, served zxid, mzxid).\n\n");
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
            // a system's LINEARIZABLE-LEASE runs come last (an ensemble of their own): rows by ratio, then mode
            List<String> systems = ReadModesExperiment.systems(summaries, "real");
            md.append(table(summaries.stream().sorted(Comparator.comparingInt((RunSummary s) ->
                    systems.indexOf(s.spec().system())).thenComparingInt(s -> s.spec().readPercent())
                    .thenComparing(s -> s.spec().mode())).toList(), s -> s.spec().variant().equals("real")));
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
                        s.spec().mode().label(), "n/a", "", "", "", "", "", "", "", "", "not served"));
                continue;
            }
            table.row(List.of(s.spec().system(), Integer.toString(s.spec().readPercent()), s.spec().lag().label(),
                    s.spec().mode().label(), f0(s.opsPerSecond()), f1(s.readP50Millis()), f1(s.readP99Millis()),
                    f1(s.writeP50Millis()), pct(s.staleFraction()), f2(s.stalenessMean()),
                    Long.toString(s.stalenessP99()), f1(s.visibilityP50Millis()), f1(s.visibilityP99Millis()),
                    pct(s.violationFraction())));
        }
        return table.render();
    }

    /** How the sweep's LINEARIZABLE reads were confirmed, for the settings list. */
    static String linearizableSettings(ReadModesPlan plan) {
        List<String> ways = new ArrayList<>();
        for (ReadMode mode : plan.linearizableModes()) {
            ways.add(mode == ReadMode.LINEARIZABLE
                    ? "LINEARIZABLE confirmed by a quorum round (ReadIndex, `linearizableReads=readindex`)"
                    : "LINEARIZABLE-LEASE confirmed by a lease (`linearizableReads=lease`; simulator: the followers' "
                            + "promise lasts " + SimReadModeRun.leaseMillis("zab") + " ms (Zab's syncLimit) or "
                            + SimReadModeRun.leaseMillis("paxos-lite") + " ms (paxos-lite's election timeout), "
                            + "clock-drift allowance " + SimReadModeRun.LEASE_DRIFT_MILLIS + " ms"
                            + (plan.realSystems().isEmpty() ? "" : "; real processes: " + RealEnsemble.leaseMillis()
                                    + " ms (syncLimit x tickTime), `leaseClockDriftMillis="
                                    + RealEnsemble.LEASE_DRIFT_MILLIS + "`, on an ensemble of their own") + ")");
        }
        return ways.isEmpty() ? "none measured (`--linearizable-reads` names none)."
                : String.join("; ", ways) + ". The other modes run on ensembles with the default, ReadIndex.";
    }

    /** Each expectation of the theory, with the numbers that bear on it and whether they agree. */
    static List<String> findings(List<RunSummary> summaries) {
        List<String> out = new ArrayList<>();
        List<RunSummary> sim = summaries.stream().filter(s -> s.spec().variant().equals("sim") && s.measured()).toList();
        // LOCAL fastest
        Optional<Double> localP50 = pooledP50(sim, ReadMode.LOCAL, FollowerLag.NONE);
        List<String> slower = new ArrayList<>();
        boolean localFastest = localP50.isPresent();
        for (ReadMode mode : List.of(ReadMode.SYNC, ReadMode.LEADER, ReadMode.LINEARIZABLE,
                ReadMode.LINEARIZABLE_LEASE)) {
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
        double localStale = pooledStale(sim, ReadMode.LOCAL, true);
        double syncStale = pooledStale(sim, ReadMode.SYNC, true);
        out.add("**LOCAL is stale**: under an injected lag " + pct(localStale) + " of LOCAL reads were behind at "
                + "invocation (pooled over the lagged runs); " + pct(pooledStale(sim, ReadMode.LOCAL, false))
                + " with no lag. " + (localStale > 0 ? "Agrees." : "No stale LOCAL read was seen."));
        out.add("**SYNC narrows but does not close the gap**: under lag " + pct(syncStale) + " of SYNC reads were "
                + "behind at invocation, against " + pct(localStale) + " for LOCAL; SYNC violations: "
                + violations(sim, ReadMode.SYNC) + ". "
                + (Double.isNaN(syncStale) ? "Not measured."
                        : syncStale < localStale ? (syncStale > 0 || violations(sim, ReadMode.SYNC) > 0
                                ? "Agrees: narrower, not closed." : "Narrower; in these runs closed entirely (a sync "
                                        + "only fails to close it when the server that orders it is a deposed leader, "
                                        + "which these runs do not provoke).")
                        : "Does not agree."));
        List<RunSummary> real = summaries.stream().filter(s -> s.spec().variant().equals("real") && s.measured()
                && s.spec().readPercent() == 99).toList();
        Optional<Double> leaderReads = realReads(real, ReadMode.LEADER);
        Optional<Double> localReads = realReads(real, ReadMode.LOCAL);
        out.add("**LEADER is bounded by one server**: " + (leaderReads.isPresent() && localReads.isPresent()
                ? "with real processes at 99 % reads, LEADER served " + f0(leaderReads.get()) + " reads/s against "
                        + f0(localReads.get()) + " for LOCAL, which every server serves. "
                        + (leaderReads.get() < localReads.get() ? "Agrees." : "Does not agree on this machine (two "
                                + "cores shared by all servers and clients: the servers do not scale out here).")
                : "not measured (LEADER is not served by this build, or no real runs were made). The simulator "
                        + "models latency, not a server's capacity, so it cannot show this bound."));
        out.add(neverViolates(sim, localP50));
        out.add(leaseCost(sim, summaries));
        return out;
    }

    /** LINEARIZABLE, confirmed either way, never violates and is never stale. */
    private static String neverViolates(List<RunSummary> sim, Optional<Double> localP50) {
        Optional<Double> leaderP50 = pooledP50(sim, ReadMode.LEADER, FollowerLag.NONE);
        List<String> parts = new ArrayList<>();
        boolean measured = false;
        boolean clean = true;
        for (ReadMode mode : List.of(ReadMode.LINEARIZABLE, ReadMode.LINEARIZABLE_LEASE)) {
            Optional<Double> p50 = pooledP50(sim, mode, FollowerLag.NONE);
            if (p50.isEmpty()) {
                continue;
            }
            measured = true;
            long violating = violations(sim, mode);
            long stale = stale(sim, mode);
            clean &= violating == 0 && stale == 0;
            parts.add(mode + " (" + (mode == ReadMode.LINEARIZABLE ? "ReadIndex" : "lease") + "): " + violating
                    + " violating and " + stale + " stale reads of " + reads(sim, mode) + ", every lag included; "
                    + "median latency " + f1(p50.get()) + " ms with no lag");
        }
        if (!measured) {
            return "**LINEARIZABLE never violates, at the price of a quorum round or a lease**: not measured "
                    + "(no LINEARIZABLE mode in this sweep, or not served by this build).";
        }
        return "**LINEARIZABLE never violates, at the price of a quorum round or a lease**: " + String.join("; ", parts)
                + leaderP50.map(v -> "; LEADER " + f1(v) + " ms").orElse("")
                + localP50.map(v -> ", LOCAL " + f1(v) + " ms").orElse("") + ". "
                + (clean ? "Agrees." : "Does not agree: see the violating runs in summary.csv.");
    }

    /**
     * The price of each way of confirming: with a lease about LEADER's (no round per read), with ReadIndex a quorum
     * round more; in the simulator (latency) and on real processes (latency and read throughput at 99 % reads).
     */
    private static String leaseCost(List<RunSummary> sim, List<RunSummary> summaries) {
        String title = "**With a lease LINEARIZABLE costs what LEADER costs, with ReadIndex a quorum round more**: ";
        Optional<Double> leader = pooledP50(sim, ReadMode.LEADER, FollowerLag.NONE);
        Optional<Double> readIndex = pooledP50(sim, ReadMode.LINEARIZABLE, FollowerLag.NONE);
        Optional<Double> lease = pooledP50(sim, ReadMode.LINEARIZABLE_LEASE, FollowerLag.NONE);
        if (leader.isEmpty() || readIndex.isEmpty() || lease.isEmpty()) {
            return title + "not measured (the sweep needs LEADER, LINEARIZABLE and LINEARIZABLE-LEASE: "
                    + "`--linearizable-reads both`).";
        }
        StringBuilder text = new StringBuilder(title);
        text.append("in the simulator (median of the runs' median read latency, no lag) LINEARIZABLE-LEASE ")
                .append(f1(lease.get())).append(" ms, LEADER ").append(f1(leader.get())).append(" ms, LINEARIZABLE ")
                .append(f1(readIndex.get())).append(" ms; over every lag, the lease's p99 ")
                .append(f1(pooledP99(sim, ReadMode.LINEARIZABLE_LEASE))).append(" ms against LEADER's ")
                .append(f1(pooledP99(sim, ReadMode.LEADER))).append(" and ReadIndex's ")
                .append(f1(pooledP99(sim, ReadMode.LINEARIZABLE))).append(" (medians of the runs' p99). ");
        text.append(verdict(leader.get(), lease.get(), readIndex.get()));
        List<String> realParts = new ArrayList<>();
        for (String system : ReadModesExperiment.systems(summaries, "real")) {
            for (int percent : List.of(99, 90)) {
                Optional<RunSummary> l = realRun(summaries, system, percent, ReadMode.LEADER);
                Optional<RunSummary> ri = realRun(summaries, system, percent, ReadMode.LINEARIZABLE);
                Optional<RunSummary> ls = realRun(summaries, system, percent, ReadMode.LINEARIZABLE_LEASE);
                if (l.isPresent() && ri.isPresent() && ls.isPresent()) {
                    realParts.add(system + " at " + percent + " % reads: read p50 LINEARIZABLE-LEASE "
                            + f2(ls.get().readP50Millis()) + " ms, LEADER " + f2(l.get().readP50Millis())
                            + " ms, LINEARIZABLE " + f2(ri.get().readP50Millis()) + " ms (p99 "
                            + f1(ls.get().readP99Millis()) + ", " + f1(l.get().readP99Millis()) + ", "
                            + f1(ri.get().readP99Millis()) + " ms); reads/s " + f0(ls.get().readsPerSecond()) + ", "
                            + f0(l.get().readsPerSecond()) + ", " + f0(ri.get().readsPerSecond())
                            + String.format(Locale.ROOT, " (the lease %.0f %% of LEADER's, %.0f %% of ReadIndex's)",
                                    100 * ls.get().readsPerSecond() / l.get().readsPerSecond(),
                                    100 * ls.get().readsPerSecond() / ri.get().readsPerSecond())
                            + " - " + verdict(l.get().readP50Millis(), ls.get().readP50Millis(),
                                    ri.get().readP50Millis()));
                }
            }
        }
        if (!realParts.isEmpty()) {
            text.append(" Real processes, ").append(String.join(" ", realParts)).append(" On loopback a round "
                    + "costs a fraction of a millisecond and every server and client shares the machine's cores; each "
                    + "figure comes from one short run, so compare the read ratios before trusting a gap. The "
                    + "LINEARIZABLE-LEASE runs have an ensemble of their own, which had served only its warm-up and "
                    + "the lease runs before them where the other modes' ensemble had served every run before theirs: "
                    + "a lower throughput with a longer tail (p99) but the same median may be a colder ensemble "
                    + "rather than the lease. A leased read still passes through the consensus loop (a read barrier "
                    + "the protocol satisfies at once while the lease holds) where a LEADER read is answered "
                    + "directly: free in the simulator, a hand-off between threads here.");
        }
        return text.toString();
    }

    /**
     * Whether the lease costs about what LEADER costs and ReadIndex more: the share of ReadIndex's extra latency over
     * LEADER that the lease saves; three quarters or more agrees.
     */
    static String verdict(double leader, double lease, double readIndex) {
        if (Double.isNaN(leader) || Double.isNaN(lease) || Double.isNaN(readIndex)) {
            return "Not measured.";
        }
        if (readIndex <= leader) {
            return "Not shown: ReadIndex cost no more than LEADER here.";
        }
        double saved = (readIndex - lease) / (readIndex - leader);
        String share = String.format(Locale.ROOT, "%.0f %%", 100 * saved);
        if (saved >= 0.75) {
            return "Agrees: the lease saves " + share + " of what the round adds to LEADER's median latency.";
        }
        return saved > 0
                ? "Partly: the lease saves " + share + " of what the round adds to LEADER's median latency."
                : "Does not agree: the lease saves nothing over ReadIndex here.";
    }

    private static Optional<RunSummary> realRun(List<RunSummary> summaries, String system, int percent,
            ReadMode mode) {
        return summaries.stream().filter(s -> s.spec().variant().equals("real") && s.measured()
                && s.spec().system().equals(system) && s.spec().readPercent() == percent && s.spec().mode() == mode)
                .findFirst();
    }

    private static Optional<Double> realReads(List<RunSummary> real, ReadMode mode) {
        return real.stream().filter(s -> s.spec().mode() == mode && s.spec().chorus())
                .map(RunSummary::readsPerSecond).findFirst();
    }

    private static Optional<Double> pooledP50(List<RunSummary> sim, ReadMode mode, FollowerLag lag) {
        return median(sim.stream().filter(s -> s.spec().mode() == mode && s.spec().lag() == lag)
                .map(RunSummary::readP50Millis).toList());
    }

    private static double pooledP99(List<RunSummary> sim, ReadMode mode) {
        return median(sim.stream().filter(s -> s.spec().mode() == mode).map(RunSummary::readP99Millis).toList())
                .orElse(Double.NaN);
    }

    private static Optional<Double> median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        return sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.get(sorted.size() / 2));
    }

    private static double pooledStale(List<RunSummary> sim, ReadMode mode, boolean lagged) {
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

    /** Answered reads in the runs' windows. */
    private static long reads(List<RunSummary> sim, ReadMode mode) {
        return sim.stream().filter(s -> s.spec().mode() == mode).mapToLong(s -> s.stalenessHistogram().getTotalCount())
                .sum();
    }

    /** Answered reads behind at invocation, in the runs' windows. */
    private static long stale(List<RunSummary> sim, ReadMode mode) {
        return sim.stream().filter(s -> s.spec().mode() == mode).mapToLong(s -> s.stalenessHistogram().getTotalCount()
                - s.stalenessHistogram().getCountAtValue(0)).sum();
    }

    private static long violations(List<RunSummary> sim, ReadMode mode) {
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
