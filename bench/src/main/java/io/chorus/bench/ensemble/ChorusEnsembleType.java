package io.chorus.bench.ensemble;

import io.chorus.bench.process.JvmFlags;
import io.chorus.server.cluster.ClusterPorts;
import io.chorus.server.cluster.LocalCluster;
import io.chorus.server.cluster.LocalNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Chorus ensemble. The node files (zoo.cfg, myid, data directory) are written by the server's own
 * {@link LocalCluster#create}, fsync on and the same tickTime/initLimit/syncLimit as ZooKeeper; the nodes are
 * started by the bench (not by {@link LocalCluster}, whose node command line takes no JVM flags) so that they
 * run with the same heap, collector and logging as the ZooKeeper nodes. Extra JVM flags go to Chorus only, and
 * so do extra zoo.cfg entries (Chorus's own keys, {@code linearizableReads=lease} say).
 */
public final class ChorusEnsembleType implements EnsembleType {
    private final String protocol;
    private final String displayName;
    private final List<String> extraJvmFlags;
    private final Map<String, String> extraConfig;

    /**
     * @param protocol      the consensus protocol the nodes run ({@code protocol=} in their zoo.cfg)
     * @param namedProtocol whether the report names the protocol ("Chorus paxos-lite"), when several are compared
     */
    public ChorusEnsembleType(String protocol, boolean namedProtocol, List<String> extraJvmFlags) {
        this(protocol, namedProtocol, extraJvmFlags, Map.of());
    }

    /**
     * @param extraConfig more zoo.cfg entries for every node; they may not override the shared timing
     *                    ({@code tickTime}, {@code initLimit}, {@code syncLimit}), {@code forceSync} or
     *                    {@code protocol}
     */
    public ChorusEnsembleType(String protocol, boolean namedProtocol, List<String> extraJvmFlags,
            Map<String, String> extraConfig) {
        this.protocol = protocol;
        this.displayName = namedProtocol ? "Chorus " + protocol : "Chorus";
        this.extraJvmFlags = JvmFlags.checked(extraJvmFlags);
        for (String key : List.of("tickTime", "initLimit", "syncLimit", "forceSync", "protocol")) {
            if (extraConfig.containsKey(key)) {
                throw new IllegalArgumentException(key + " is set by the bench for every ensemble, not per type");
            }
        }
        this.extraConfig = Map.copyOf(extraConfig);
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
        Map<String, String> config = new LinkedHashMap<>(Map.of(
                "tickTime", Integer.toString(TICK_TIME_MILLIS),
                "initLimit", Integer.toString(INIT_LIMIT_TICKS),
                "syncLimit", Integer.toString(SYNC_LIMIT_TICKS),
                "forceSync", "yes",
                "protocol", protocol));
        config.putAll(extraConfig);
        LocalCluster cluster = LocalCluster.create(ports.nodes(), root, ports.basePort(), config, (node, code) -> { });
        List<List<String>> mains = new ArrayList<>();
        for (LocalNode node : cluster.nodes()) {
            mains.add(List.of(LocalCluster.MAIN_CLASS, "server", "--config", node.configFile().toString()));
        }
        return mains;
    }
}
