package io.chorus.testkit.cli;

import ch.qos.logback.classic.Level;
import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.testkit.sim.FaultPreset;
import io.chorus.testkit.zk.SeedRun;
import io.chorus.testkit.zk.SimulatedProtocol;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./chorus sim}: runs seeds of the deterministic simulator (an ensemble over the real data tree,
 * busy clients, the fault preset, then healing) and every history checker on each. A failing seed is
 * printed with the checkers' counterexamples and the command that replays it. Progress goes to stderr;
 * the last line on stdout is {@code seeds: N, violations: V}. Exit 1 when V > 0, 2 for bad options.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run seeds of the deterministic simulator and check every history.",
                "With --bug, switch on a planted protocol bug and search seeds until a checker catches it."})
public final class SimCommand implements Callable<Integer> {
    /** How often the progress line is refreshed, in seeds. */
    private static final int PROGRESS_EVERY = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "run seeds 1..N (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    long seeds;

    @Option(names = "--seed", paramLabel = "S", description = "run this one seed only")
    Long seed;

    @Option(names = "--nodes", paramLabel = "N", description = "ensemble size (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int nodes;

    @Option(names = "--protocol", paramLabel = "zab|paxos-lite", description = "consensus protocol (default: zab)",
            defaultValue = "zab", converter = ProtocolConverter.class)
    SimulatedProtocol protocol;

    @Option(names = "--faults", paramLabel = "default|none|heavy", converter = FaultsConverter.class,
            description = "fault preset (default: default; with --bug, the preset that bug needs to show)")
    FaultPreset faults;

    @Option(names = "--list-bugs", description = "print the planted bugs' names, one a line")
    boolean listBugs;

    @Option(names = "--bug", paramLabel = "NAME", description = "switch on a planted bug and search for it")
    String bug;

    @Option(names = "--mixed-reads", description = "clients read with every consistency (LOCAL, SYNC, LEADER, "
            + "LINEARIZABLE) at random, and stale reads are counted per consistency")
    boolean mixedReads;

    @Option(names = "--linearizable-reads", paramLabel = "readindex|lease", defaultValue = "readindex",
            converter = LeaderReadModeConverter.class,
            description = "how leaders confirm LINEARIZABLE reads (default: readindex)")
    LeaderReadMode leaderReads;

    @Override
    public Integer call() {
        // The simulated servers' own logging (sessions expiring, elections) would bury the progress and verdicts.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.chorus")).setLevel(Level.WARN);
        PrintStream out = System.out;
        if (listBugs) {
            for (String name : protocol.plantedBugs()) {
                out.println(name);
            }
            return 0;
        }
        if (nodes < 1 || nodes > 9) {
            throw new ParameterException(spec.commandLine(), "--nodes must be within 1..9, got " + nodes);
        }
        if (seed == null && seeds < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds must be positive, got " + seeds);
        }
        if (bug != null) {
            String planted = plantedFault(bug);
            FaultPreset preset = faults != null ? faults : protocol.faultsToFind(planted);
            return searchForBug(planted, SeedRun.Settings.defaults().withNodes(nodes).withFaults(preset), out);
        }
        if (faults == null) {
            faults = FaultPreset.DEFAULT;
        }
        SeedRun.Settings settings = SeedRun.Settings.defaults().withNodes(nodes).withFaults(faults);
        if (mixedReads) {
            settings = settings.withMixedReads(leaderReads);
        }
        Map<ReadConsistency, long[]> reads = new EnumMap<>(ReadConsistency.class);
        long first = seed == null ? 1 : seed;
        long last = seed == null ? seeds : seed;
        long violations = 0;
        long started = System.nanoTime();
        for (long s = first; s <= last; s++) {
            SeedRun.Verdict verdict = protocol.run(s, settings, Set.of());
            verdict.reads().forEach((c, n) -> {
                long[] sum = reads.computeIfAbsent(c, k -> new long[2]);
                sum[0] += n.reads();
                sum[1] += n.stale();
            });
            if (!verdict.ok()) {
                violations++;
                out.println("seed " + s + " FAILED:");
                out.print(verdict.describe());
                out.println("replay: ./chorus sim --protocol " + protocol.configName() + " --seed " + s + " --nodes "
                        + nodes + " --faults " + faults.name().toLowerCase(Locale.ROOT)
                        + (mixedReads
                                ? " --mixed-reads --linearizable-reads " + LeaderReadModeConverter.name(leaderReads)
                                : ""));
            }
            long done = s - first + 1;
            if (done % PROGRESS_EVERY == 0 || s == last) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.err.printf(Locale.ROOT, "\rsim: %d/%d seeds, %d violations, %.1f seeds/s", done,
                        last - first + 1, violations, done / Math.max(seconds, 1e-9));
            }
        }
        System.err.println();
        if (mixedReads) {
            reads.forEach((c, n) -> out.printf(Locale.ROOT, "%s reads: %d, stale: %d (%.3f%%)%n", c, n[0], n[1],
                    n[0] == 0 ? 0.0 : 100.0 * n[1] / n[0]));
        }
        out.println("seeds: " + (last - first + 1) + ", violations: " + violations);
        return violations > 0 ? 1 : 0;
    }

    private int searchForBug(String fault, SeedRun.Settings settings, PrintStream out) {
        long last = seed == null ? seeds : seed;
        for (long s = seed == null ? 1 : seed; s <= last; s++) {
            SeedRun.Verdict verdict = protocol.run(s, settings, Set.of(fault));
            if (!verdict.ok()) {
                out.print(verdict.describe());
                out.println("bug " + fault + ": found at seed " + s);
                return 0;
            }
            if (s % PROGRESS_EVERY == 0) {
                System.err.printf(Locale.ROOT, "\rsim: bug %s, %d seeds without a violation", fault, s);
            }
        }
        System.err.println();
        out.println("bug " + fault + ": not found in " + (seed == null ? seeds : 1) + " seeds");
        return 1;
    }

    private String plantedFault(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace('-', '_');
        if (!protocol.plantedBugs().contains(upper)) {
            throw new ParameterException(spec.commandLine(), "unknown bug " + name + " for " + protocol.configName()
                    + " (see --protocol " + protocol.configName() + " --list-bugs)");
        }
        return upper;
    }

    static final class ProtocolConverter implements picocli.CommandLine.ITypeConverter<SimulatedProtocol> {
        @Override
        public SimulatedProtocol convert(String value) {
            return SimulatedProtocol.named(value);
        }
    }

    static final class FaultsConverter implements picocli.CommandLine.ITypeConverter<FaultPreset> {
        @Override
        public FaultPreset convert(String value) {
            return FaultPreset.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** {@code readindex} or {@code lease}, as in the server's {@code linearizableReads}. */
    static final class LeaderReadModeConverter implements picocli.CommandLine.ITypeConverter<LeaderReadMode> {
        @Override
        public LeaderReadMode convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "readindex" -> LeaderReadMode.READ_INDEX;
                case "lease" -> LeaderReadMode.LEASE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected readindex or lease, got " + value);
            };
        }

        static String name(LeaderReadMode mode) {
            return mode == LeaderReadMode.LEASE ? "lease" : "readindex";
        }
    }
}
