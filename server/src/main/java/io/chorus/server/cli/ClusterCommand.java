package io.chorus.server.cli;

import io.chorus.server.cluster.ClusterPorts;
import io.chorus.server.cluster.LocalCluster;
import io.chorus.server.cluster.LocalNode;
import io.chorus.server.config.EnsembleConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chorus cluster}: a local ensemble of real server processes on 127.0.0.1 until Ctrl-C or SIGTERM,
 * which stops them all. Ports follow {@link ClusterPorts}: node i serves clients on base + i - 1, talks
 * quorum on base + 1000 + i - 1 and elections on base + 2000 + i - 1.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a local ensemble of N server processes on 127.0.0.1 until Ctrl-C. Node i serves clients "
                + "on base+i-1, quorum on base+1000+i-1, elections on base+2000+i-1; its data, zoo.cfg, myid "
                + "and server.log are in <data-dir>/node-<i>.")
public final class ClusterCommand implements Callable<Integer> {
    @Option(names = "--nodes", description = "How many servers (default 3; an odd number tolerates the most failures).")
    int nodes = 3;

    @Option(names = "--protocol", description = "Consensus protocol: zab (default) or paxos-lite.")
    String protocol = "zab";

    @Option(names = "--base-port", description = "Client port of node 1; the others derive from it (default 2181).")
    int basePort = 2181;

    @Option(names = "--data-dir", description = "Parent of the node-<i> directories (default ./chorus-cluster).")
    Path dataDir = Path.of("chorus-cluster");

    @Option(names = "--tick-time", description = "tickTime in milliseconds (default 2000).")
    int tickTimeMillis = 2000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String invalid = validate();
        if (invalid != null) {
            err.println("chorus: " + invalid);
            err.flush();
            return 2;
        }
        CountDownLatch running = new CountDownLatch(nodes);
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(nodes, dataDir, basePort, extraConfig(), (node, code) -> {
                out.println("node " + node.id() + " exited with " + code + " (see " + node.logFile() + ")");
                out.flush();
                running.countDown();
            });
        } catch (IOException e) {
            err.println("chorus: cannot start the cluster: " + e.getMessage());
            err.flush();
            return 1;
        }
        Thread shutdown = new Thread(() -> stopAndExit(cluster, out), "chorus-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        printStarted(cluster, out);
        try {
            running.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException e) {
            return 0; // a signal came in meanwhile: the hook stops the nodes and exits 0
        }
        cluster.close();
        err.println("chorus: every node has exited");
        err.flush();
        return 1;
    }

    /** The first thing wrong with the options, or null. */
    String validate() {
        if (nodes < 1 || nodes > ClusterPorts.NODES_MAX) {
            return "--nodes must be 1.." + ClusterPorts.NODES_MAX + ", not " + nodes;
        }
        if (!EnsembleConfig.SUPPORTED_PROTOCOLS.contains(protocol)) {
            return "--protocol " + protocol + " is not supported; supported: "
                    + String.join(", ", EnsembleConfig.SUPPORTED_PROTOCOLS);
        }
        if (basePort < 1 || basePort > ClusterPorts.basePortMax(nodes)) {
            return "--base-port must be 1.." + ClusterPorts.basePortMax(nodes) + " for " + nodes
                    + " nodes (ports run up to base+2000+nodes-1), not " + basePort;
        }
        if (tickTimeMillis <= 0) {
            return "--tick-time must be a positive number of milliseconds, not " + tickTimeMillis;
        }
        return null;
    }

    Map<String, String> extraConfig() {
        return Map.of("tickTime", Integer.toString(tickTimeMillis), "protocol", protocol);
    }

    private static void printStarted(LocalCluster cluster, PrintWriter out) {
        out.println("connect: " + cluster.connectString());
        for (LocalNode node : cluster.nodes()) {
            out.println("node " + node.id() + ": pid " + node.pid() + ", client port " + node.clientPort()
                    + ", data " + node.dataDir() + ", log " + node.logFile());
        }
        out.println("Ctrl-C stops every node.");
        out.flush();
    }

    /** Runs on Ctrl-C/SIGTERM: stop every node, then exit 0 (the JVM would otherwise report the signal). */
    private static void stopAndExit(LocalCluster cluster, PrintWriter out) {
        out.println("stopping every node...");
        out.flush();
        cluster.close();
        out.println("stopped.");
        out.flush();
        Runtime.getRuntime().halt(0);
    }
}
