package io.chorus.bench.ensemble;

import io.chorus.bench.process.JvmFlags;
import io.chorus.server.cluster.ClusterPorts;
import io.chorus.server.cluster.LocalCluster;
import io.chorus.server.cluster.LocalNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Chorus ensemble. The node files (zoo.cfg, myid, data directory) are written by the server's own
 * {@link LocalCluster#create}, fsync on and the same tickTime/initLimit/syncLimit as ZooKeeper; the nodes are
 * started by the bench (not by {@link LocalCluster}, whose node command line takes no JVM flags) so that they
 * run with the same heap, collector and logging as the ZooKeeper nodes. Extra JVM flags go to Chorus only.
 */
public final class ChorusEnsembleType implements EnsembleType {
    private final String protocol;
    private final String displayName;
    private final List<String> extraJvmFlags;

    /**
     * @param protocol      the consensus protocol the nodes run ({@code protocol=} in their zoo.cfg)
     * @param namedProtocol whether the report names the protocol ("Chorus paxos-lite"), when several are compared
     */
    public ChorusEnsembleType(String protocol, boolean namedProtocol, List<String> extraJvmFlags) {
        this.protocol = protocol;
        this.displayName = namedProtocol ? "Chorus " + protocol : "Chorus";
        this.extraJvmFlags = JvmFlags.checked(extraJvmFlags);
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public List<String> jvmFlags() {
        return extraJvmFlags;
    }

    @Override
    public List<List<String>> writeNodes(ClusterPorts ports, Path root) throws IOException {
        Map<String, String> config = Map.of(
                "tickTime", Integer.toString(TICK_TIME_MILLIS),
                "initLimit", Integer.toString(INIT_LIMIT_TICKS),
                "syncLimit", Integer.toString(SYNC_LIMIT_TICKS),
                "forceSync", "yes",
                "protocol", protocol);
        LocalCluster cluster = LocalCluster.create(ports.nodes(), root, ports.basePort(), config, (node, code) -> { });
        List<List<String>> mains = new ArrayList<>();
        for (LocalNode node : cluster.nodes()) {
            mains.add(List.of(LocalCluster.MAIN_CLASS, "server", "--config", node.configFile().toString()));
        }
        return mains;
    }
}
