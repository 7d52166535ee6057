package io.chorus.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./chorus experiment read-modes|failover|protocols|all [--quick] [--out DIR] [--seed N]
 * [--linearizable-reads readindex|lease|both]}: runs an experiment and writes its CSV, plots and report.md under
 * the output directory (one subdirectory per experiment), with a progress line per run on stderr.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Reproducible experiments: read modes, failover, protocols. Each writes CSV, PNG plots and "
                + "report.md.",
        subcommands = {ExperimentCommand.ReadModes.class, ExperimentCommand.Failover.class,
                ExperimentCommand.Protocols.class, ExperimentCommand.All.class})
public final class ExperimentCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("experiment: name one: read-modes, failover, protocols, all (see --help)");
        return 2;
    }

    /** Options every experiment takes. */
    static class Common {
        @Option(names = "--quick", description = "A smaller sweep that finishes in a couple of minutes.")
        boolean quick;

        @Option(names = "--out", description = "Output directory (default: ${DEFAULT-VALUE}).",
                defaultValue = "experiments-out")
        Path out;

        @Option(names = "--seed", description = "Seed of the simulator and of the clients (default: ${DEFAULT-VALUE}).",
                defaultValue = "1")
        long seed;

        @Option(names = "--no-real", description = "Simulator only: start no server processes.")
        boolean noReal;

        @Option(names = "--linearizable-reads", paramLabel = "readindex|lease|both",
                converter = LinearizableReads.Converter.class,
                description = "How LINEARIZABLE reads are confirmed: by a quorum round (readindex, measured as "
                        + "LINEARIZABLE), by a lease (lease, measured as LINEARIZABLE-LEASE) or each on its own "
                        + "ensemble (both). Default: both for read-modes and failover; protocols measures "
                        + "LINEARIZABLE reads only when this is given.")
        LinearizableReads linearizableReads;

        Scale scale() {
            return quick ? Scale.QUICK : Scale.FULL;
        }

        /** The option's value, or {@code fallback} (which may be null) when it was not given. */
        LinearizableReads linearizableReads(LinearizableReads fallback) {
            return linearizableReads == null ? fallback : linearizableReads;
        }

        /** The command line that reproduces this run, for the report. */
        String commandLine(String experiment) {
            List<String> words = new ArrayList<>(List.of("./chorus", "experiment", experiment));
            if (quick) {
                words.add("--quick");
            }
            if (noReal) {
                words.add("--no-real");
            }
            if (linearizableReads != null) {
                words.add("--linearizable-reads");
                words.add(linearizableReads.label());
            }
            words.add("--seed");
            words.add(Long.toString(seed));
            words.add("--out");
            words.add(out.toString());
            return String.join(" ", words);
        }
    }

    static int report(PrintStream out, String experiment, Path report) {
        out.println(experiment + ": report written to " + report.toAbsolutePath());
        return 0;
    }

    @Command(name = "read-modes", mixinStandardHelpOptions = true,
            description = "Read mode x read ratio x ensemble size x follower lag x protocol: throughput, latency, "
                    + "staleness, visibility delay, linearizability violations.")
    static final class ReadModes extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            return readModes(this, commandLine(ReadModesExperiment.NAME));
        }
    }

    @Command(name = "failover", mixinStandardHelpOptions = true,
            description = "Kill the leader under load: time to the first write, reads unavailable per mode, with "
                    + "ReadIndex and with a lease.")
    static final class Failover extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            return failover(this, commandLine(FailoverExperiment.NAME));
        }
    }

    @Command(name = "protocols", mixinStandardHelpOptions = true,
            description = "The same workload on Zab and paxos-lite, with Apache ZooKeeper as reference.")
    static final class Protocols extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            return protocols(this, commandLine(ProtocolsExperiment.NAME));
        }
    }

    @Command(name = "all", mixinStandardHelpOptions = true, description = "read-modes, failover and protocols in turn.")
    static final class All extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            int code = readModes(this, commandLine(ReadModesExperiment.NAME));
            code = Math.max(code, failover(this, commandLine(FailoverExperiment.NAME)));
            return Math.max(code, protocols(this, commandLine(ProtocolsExperiment.NAME)));
        }
    }

    static int readModes(Common options, String command) {
        headless();
        ReadModesPlan plan = ReadModesPlan.of(options.scale(), options.seed,
                options.linearizableReads(LinearizableReads.BOTH));
        if (options.noReal) {
            plan = plan.withoutReal();
        }
        ReadModesExperiment.Outcome outcome = ReadModesExperiment.run(plan,
                options.out.resolve(ReadModesExperiment.NAME), command, System.err);
        return report(System.out, ReadModesExperiment.NAME, outcome.report());
    }

    static int failover(Common options, String command) {
        headless();
        FailoverPlan plan = FailoverPlan.of(options.scale(), options.seed,
                options.linearizableReads(LinearizableReads.BOTH));
        if (options.noReal) {
            plan = plan.withoutReal();
        }
        FailoverExperiment.Outcome outcome = FailoverExperiment.run(plan, options.out.resolve(FailoverExperiment.NAME),
                command, System.err);
        return report(System.out, FailoverExperiment.NAME, outcome.report());
    }

    static int protocols(Common options, String command) {
        headless();
        ProtocolsPlan plan = ProtocolsPlan.of(options.scale(), options.seed, options.linearizableReads(null));
        if (options.noReal) {
            plan = plan.withoutReal();
        }
        ProtocolsExperiment.Outcome outcome = ProtocolsExperiment.run(plan,
                options.out.resolve(ProtocolsExperiment.NAME), command, System.err);
        return report(System.out, ProtocolsExperiment.NAME, outcome.report());
    }

    /** Plots are drawn off screen; set before any AWT class loads. */
    private static void headless() {
        System.setProperty("java.awt.headless", "true");
    }
}
