package io.chorus.bench.ensemble;

import io.chorus.server.cluster.ClusterPorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What differs between the ensembles the bench compares: how node files are written and how a node starts. */
public interface EnsembleType {
    /** tickTime, initLimit and syncLimit every ensemble runs with, so both kinds time out alike. */
    int TICK_TIME_MILLIS = 2000;
    int INIT_LIMIT_TICKS = 10;
    int SYNC_LIMIT_TICKS = 5;

    /** The name a report shows for this server kind. */
    String displayName();

    /** JVM flags this server needs beyond the shared ones (heap, collector, logging). */
    List<String> jvmFlags();

    /**
     * Writes every node's directory under {@code root} ({@code node-<id>}: config, myid, data) for an ensemble
     * on {@code ports}, and returns, node 1 first, each node's main class and arguments.
     */
    List<List<String>> writeNodes(ClusterPorts ports, Path root) throws IOException;
}
