package io.chorus.bench;

import io.chorus.bench.ensemble.ChorusEnsembleType;
import io.chorus.bench.ensemble.EnsembleResult;
import io.chorus.bench.ensemble.EnsembleType;
import io.chorus.bench.ensemble.ZooKeeperEnsembleType;
import io.chorus.bench.load.LoadResult;
import io.chorus.bench.load.LoadSpec;
import io.chorus.bench.load.Workload;
import io.chorus.bench.load.WorkloadSeries;
import io.chorus.bench.process.BenchException;
import io.chorus.bench.process.ChildJvm;
import io.chorus.bench.process.ChorusServerType;
import io.chorus.bench.process.ClientTransport;
import io.chorus.bench.process.Loopback;
import io.chorus.bench.process.ReadinessProbe;
import io.chorus.bench.process.ServerType;
import io.chorus.bench.process.ZooKeeperServerType;
import io.chorus.bench.report.EnsembleReport;
import io.chorus.bench.report.LoadReport;
import io.chorus.bench.report.ServerOutcome;
import io.chorus.bench.report.TreeReport;
import io.chorus.bench.tree.TreeResult;
import io.chorus.bench.tree.TreeSpec;
import io.chorus.bench.tree.ValueMode;
import io.chorus.server.config.EnsembleConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the load generator and the tree workload, against Apache ZooKeeper and Chorus side by
 * side (each started here as a child JVM), against Chorus alone, or against a server already running on
 * this machine. Markdown tables go to stdout, progress to stderr. Exit code 0 when every server ran, 1
 * when one failed (its failure is in the output), 2 for bad options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load a server closed-loop and report throughput and latency percentiles, or load a",
                "tree and report create rate, heap per znode, snapshot size and restart time.",
                "By default Apache ZooKeeper and Chorus run the same workload one after the other;",
                "with --nodes 3 each runs as a 3-node ensemble, and leader failover is measured too."})
public final class BenchCommand implements Callable<Integer> {
    /** What a run is compared with. */
    enum Compare {
        ZOOKEEPER,
        NONE
    }

    /** What a run does: one load workload, all three load workloads, or the tree workload. */
    enum Mode {
        WRITE,
        READ,
        MIXED,
        CREATE,
        ALL,
        TREE,
        FAILOVER
    }

    /** The largest ensemble --nodes starts: every node is a JVM on this machine. */
    static final int ENSEMBLE_NODES_MAX = 9;
    /** The value size of the ensemble mode unless --value-bytes says otherwise: 1 KiB writes. */
    static final int ENSEMBLE_VALUE_BYTES = 1024;
    static final int SINGLE_VALUE_BYTES = 100;
    static final int FAILOVERS_MAX = 1_000;
    /** The load workloads model a population of clients: many sessions, a few requests each in flight. */
    static final int LOAD_SESSIONS = 16;
    static final int LOAD_IN_FLIGHT = 8;
    /**
     * The tree workload models one bulk loader: the same 128 creates in flight as the load workloads, over
     * few sessions with deep pipelines. Sixteen sessions over the stock client's NIO socket cost the load
     * generator more CPU per create than the Chorus server it measures, on the same two cores.
     */
    static final int TREE_SESSIONS = 4;
    static final int TREE_IN_FLIGHT = 32;

    @Spec
    private CommandSpec spec;

    @Option(names = "--compare", paramLabel = "zookeeper|none", converter = CompareConverter.class,
            description = "zookeeper: run Apache ZooKeeper, then Chorus, and compare (default without --target);"
                    + " none: only Chorus, or only the --target")
    private Compare compare;

    @Option(names = "--target", paramLabel = "host:port",
            description = "load this already running server (loopback only) instead of starting any")
    private String target;

    @Option(names = "--workload", paramLabel = "write|read|mixed|create|all|tree|failover", defaultValue = "all",
            converter = ModeConverter.class,
            description = "all = write, read and mixed (90%% reads), and failover with --nodes 3 or more;"
                    + " failover needs --nodes 3 or more; default: ${DEFAULT-VALUE}")
    private Mode mode;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = "servers per ensemble: 1 runs each server standalone; 3 (up to " + ENSEMBLE_NODES_MAX
                    + ") starts a ZooKeeper ensemble, then a Chorus ensemble, every node its own JVM, session i"
                    + " on server i mod N only; default: ${DEFAULT-VALUE}")
    private int ensembleNodes;

    @Option(names = "--protocols", paramLabel = "zab,paxos-lite", split = ",", defaultValue = "zab",
            description = "the consensus protocols of the Chorus ensembles, each run in turn with --nodes 3 or more;"
                    + " default: ${DEFAULT-VALUE}")
    private List<String> protocols;

    @Option(names = "--failovers", paramLabel = "N", defaultValue = "20",
            description = "failover: leader kills per ensemble; default: ${DEFAULT-VALUE}")
    private int failovers;

    @Option(names = "--sessions", paramLabel = "N", description = "client sessions; default: " + LOAD_SESSIONS + ", or "
            + TREE_SESSIONS + " with --workload tree")
    private Integer sessionsOption;

    @Option(names = "--in-flight", paramLabel = "M", description = "requests in flight per session; default: " + LOAD_IN_FLIGHT
            + ", or " + TREE_IN_FLIGHT + " with --workload tree")
    private Integer inFlightOption;

    @Option(names = "--client-transport", paramLabel = "nio|netty", converter = ClientTransportConverter.class,
            description = "the stock client's socket (zookeeper.clientCnxnSocket) of every load session: nio"
                    + " (the client's default) or netty; default: nio, or netty with --workload tree")
    private ClientTransport transportOption;

    @Option(names = "--value-bytes", paramLabel = "B", description = "bytes per value; default: " + SINGLE_VALUE_BYTES
            + ", or " + ENSEMBLE_VALUE_BYTES + " with --nodes 3 or more")
    private Integer valueBytesOption;

    @Option(names = "--keys", defaultValue = "10000",
            description = "pre-created keys reads and writes pick from; default: ${DEFAULT-VALUE}")
    private int keys;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "default: ${DEFAULT-VALUE}")
    private int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds; default: ${DEFAULT-VALUE}")
    private int seconds;

    @Option(names = "--max-requests", defaultValue = "100000000",
            description = "requests per workload at most, whatever the time; default: ${DEFAULT-VALUE}")
    private long maxRequests;

    @Option(names = "--znodes", defaultValue = "1000000",
            description = "tree: znodes to load; default: ${DEFAULT-VALUE}")
    private int znodes;

    @Option(names = "--parents", defaultValue = "1000",
            description = "tree: parents they are spread over; default: ${DEFAULT-VALUE}")
    private int parents;

    @Option(names = "--values", paramLabel = "same|distinct", defaultValue = "distinct",
            converter = ValueModeConverter.class,
            description = "tree: every node the same pseudo-random value (compresses to nothing), or each its own"
                    + " (incompressible); default: ${DEFAULT-VALUE}")
    private ValueMode values;

    @Option(names = "--heap", defaultValue = "2g",
            description = "-Xmx of every server started (of every ensemble node too); default: ${DEFAULT-VALUE}")
    private String heap;

    @Option(names = "--chorus-jvm-option", paramLabel = "-XX:...",
            description = "an extra flag for the Chorus child JVM only (repeatable), e.g."
                    + " -XX:StartFlightRecording=filename=chorus.jfr to profile it")
    private List<String> chorusJvmOptions = new ArrayList<>();

    /** The markdown to print, and whether every server produced its results. */
    private record Report(String markdown, boolean complete) {
        static <T> Report of(String markdown, List<ServerOutcome<T>> outcomes) {
            return new Report(markdown, outcomes.stream().allMatch(ServerOutcome::ok));
        }
    }

    @Override
    public Integer call() {
        checkCombination();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        Report report = mode == Mode.TREE ? runTree(progress)
                : ensembleNodes > 1 ? runEnsemble(progress)
                : runLoad(progress);
        out.print(report.markdown());
        out.flush();
        return report.complete() ? 0 : 1;
    }

    private Report runLoad(PrintWriter progress) {
        LoadSpec loadSpec = loadSpec();
        List<Workload> workloads = loadWorkloads();
        List<ServerOutcome<List<LoadResult>>> outcomes = target != null
                ? List.of(loadTarget(loadSpec, workloads, progress))
                : sideBySide(progress).load(loadSpec, workloads);
        return Report.of(LoadReport.render(loadSpec, outcomes), outcomes);
    }

    private LoadSpec loadSpec() {
        return valid(() -> new LoadSpec(sessions(), inFlight(), valueBytes(), keys, warmupSeconds * 1000L,
                seconds * 1000L, maxRequests, transport()));
    }

    private int sessions() {
        return sessionsOption != null ? sessionsOption : mode == Mode.TREE ? TREE_SESSIONS : LOAD_SESSIONS;
    }

    private int inFlight() {
        return inFlightOption != null ? inFlightOption : mode == Mode.TREE ? TREE_IN_FLIGHT : LOAD_IN_FLIGHT;
    }

    private ClientTransport transport() {
        return transportOption != null ? transportOption : mode == Mode.TREE ? ClientTransport.NETTY
                : ClientTransport.NIO;
    }

    private int valueBytes() {
        if (valueBytesOption != null) {
            return valueBytesOption;
        }
        return ensembleNodes > 1 ? ENSEMBLE_VALUE_BYTES : SINGLE_VALUE_BYTES;
    }

    /** The load workloads the mode runs (none for failover alone). */
    private List<Workload> loadWorkloads() {
        return switch (mode) {
            case ALL -> List.of(Workload.WRITE, Workload.READ, Workload.MIXED);
            case WRITE -> List.of(Workload.WRITE);
            case READ -> List.of(Workload.READ);
            case MIXED -> List.of(Workload.MIXED);
            case CREATE -> List.of(Workload.CREATE);
            case FAILOVER -> List.of();
            case TREE -> throw new IllegalStateException("tree is not a load workload");
        };
    }

    private Report runEnsemble(PrintWriter progress) {
        LoadSpec loadSpec = loadSpec();
        List<Workload> workloads = loadWorkloads();
        int rounds = (mode == Mode.FAILOVER || mode == Mode.ALL) ? failovers : 0;
        List<EnsembleType> types = new ArrayList<>();
        if (compare != Compare.NONE) {
            types.add(new ZooKeeperEnsembleType());
        }
        for (String protocol : protocols) {
            types.add(valid(() -> new ChorusEnsembleType(protocol, protocols.size() > 1, chorusJvmOptions)));
        }
        EnsembleBench bench = new EnsembleBench(types, ensembleNodes, valid(() -> ChildJvm.likeThisJvm(heap)),
                progress);
        List<ServerOutcome<EnsembleResult>> outcomes = bench.run(loadSpec, workloads, rounds);
        boolean complete = outcomes.stream().allMatch(o -> o.ok() && o.result().complete());
        return new Report(EnsembleReport.render(ensembleNodes, loadSpec, !workloads.isEmpty(), rounds, outcomes),
                complete);
    }

    private ServerOutcome<List<LoadResult>> loadTarget(LoadSpec loadSpec, List<Workload> workloads,
            PrintWriter progress) {
        InetSocketAddress address = valid(() -> Loopback.parseTarget(target));
        String connectString = Loopback.connectString(address);
        String name = "target " + connectString;
        try {
            if (!ReadinessProbe.servesNow(address)) {
                throw new BenchException("no server speaking the ZooKeeper protocol answers at " + connectString);
            }
            progress.printf("%s: loading%n", name);
            return ServerOutcome.succeeded(name, new WorkloadSeries(loadSpec, progress).run(connectString, workloads));
        } catch (BenchException e) {
            progress.printf("%s: failed: %s%n", name, e.getMessage());
            return ServerOutcome.failed(name, e.getMessage());
        }
    }

    private Report runTree(PrintWriter progress) {
        if (target != null) {
            throw new ParameterException(spec.commandLine(),
                    "--workload tree starts, measures and restarts its own servers: it cannot use --target");
        }
        TreeSpec treeSpec = valid(() -> new TreeSpec(znodes, parents, valueBytes(), sessions(),
                sessions() * inFlight(), values, transport()));
        List<ServerOutcome<TreeResult>> outcomes = sideBySide(progress).tree(treeSpec);
        return Report.of(TreeReport.render(treeSpec, outcomes), outcomes);
    }

    private SideBySide sideBySide(PrintWriter progress) {
        ChorusServerType chorus = valid(() -> new ChorusServerType(chorusJvmOptions));
        List<ServerType> servers = compare != Compare.NONE
                ? List.of(new ZooKeeperServerType(), chorus)
                : List.of(chorus);
        return new SideBySide(servers, valid(() -> ChildJvm.likeThisJvm(heap)), progress);
    }

    /** Checks the option combinations picocli cannot express; called before anything runs. */
    private void checkCombination() {
        if (ensembleNodes != 1 && (ensembleNodes < 3 || ensembleNodes > ENSEMBLE_NODES_MAX)) {
            throw new ParameterException(spec.commandLine(), "--nodes must be 1 (standalone) or 3.."
                    + ENSEMBLE_NODES_MAX + " (an ensemble that survives losing its leader), got " + ensembleNodes);
        }
        if (ensembleNodes > 1 && target != null) {
            throw new ParameterException(spec.commandLine(),
                    "--nodes starts its own ensembles: it cannot use --target");
        }
        if (ensembleNodes > 1 && mode == Mode.TREE) {
            throw new ParameterException(spec.commandLine(),
                    "--workload tree runs standalone servers: leave --nodes out (its size is --znodes)");
        }
        if (mode == Mode.FAILOVER && ensembleNodes < 3) {
            throw new ParameterException(spec.commandLine(),
                    "--workload failover kills an ensemble's leader: it needs --nodes 3 or more");
        }
        for (String protocol : protocols) {
            if (!EnsembleConfig.SUPPORTED_PROTOCOLS.contains(protocol)) {
                throw new ParameterException(spec.commandLine(), "--protocols: " + protocol
                        + " is not a protocol; supported: " + String.join(", ", EnsembleConfig.SUPPORTED_PROTOCOLS));
            }
        }
        if (protocols.size() != new java.util.HashSet<>(protocols).size()) {
            throw new ParameterException(spec.commandLine(), "--protocols names a protocol twice: " + protocols);
        }
        if (!protocols.equals(List.of("zab")) && ensembleNodes < 3) {
            throw new ParameterException(spec.commandLine(),
                    "--protocols chooses the ensembles' consensus protocol: it needs --nodes 3 or more");
        }
        if (failovers < 1 || failovers > FAILOVERS_MAX) {
            throw new ParameterException(spec.commandLine(),
                    "--failovers must be within 1.." + FAILOVERS_MAX + ", got " + failovers);
        }
        if (target != null && compare == Compare.ZOOKEEPER) {
            throw new ParameterException(spec.commandLine(),
                    "--target loads one running server; it cannot be compared: use --compare none or leave it out");
        }
    }

    /** Builds a value object, turning its refusal of an option into picocli's usage error. */
    private <T> T valid(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static final class CompareConverter implements ITypeConverter<Compare> {
        @Override
        public Compare convert(String value) {
            return Compare.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    static final class ValueModeConverter implements ITypeConverter<ValueMode> {
        @Override
        public ValueMode convert(String value) {
            return ValueMode.of(value);
        }
    }

    static final class ClientTransportConverter implements ITypeConverter<ClientTransport> {
        @Override
        public ClientTransport convert(String value) {
            return ClientTransport.of(value);
        }
    }

    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return Mode.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
