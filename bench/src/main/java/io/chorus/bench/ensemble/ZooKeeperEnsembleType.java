package io.chorus.bench.ensemble;

import io.chorus.bench.process.Loopback;
import io.chorus.bench.process.ZooKeeperServerType;
import io.chorus.server.cluster.ClusterPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An Apache ZooKeeper ensemble: one {@code QuorumPeerMain} per node with its own zoo.cfg, dataDir and myid,
 * fsync on, the same tickTime/initLimit/syncLimit as Chorus, its defaults otherwise.
 */
public final class ZooKeeperEnsembleType implements EnsembleType {
    static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    @Override
    public String displayName() {
        return new ZooKeeperServerType().displayName();
    }

    @Override
    public List<String> jvmFlags() {
        return new ZooKeeperServerType().jvmFlags();
    }

    @Override
    public List<List<String>> writeNodes(ClusterPorts ports, Path root) throws IOException {
        List<List<String>> mains = new ArrayList<>();
        for (int id = 1; id <= ports.nodes(); id++) {
            Path dir = Files.createDirectories(root.resolve("node-" + id));
            Path data = Files.createDirectories(dir.resolve("data"));
            Files.writeString(data.resolve("myid"), id + "\n", StandardCharsets.UTF_8);
            Path config = dir.resolve("zoo.cfg");
            Files.writeString(config, zooCfg(ports, id, data), StandardCharsets.UTF_8);
            mains.add(List.of(MAIN_CLASS, config.toString()));
        }
        return mains;
    }

    static String zooCfg(ClusterPorts ports, int id, Path dataDir) {
        StringBuilder out = new StringBuilder();
        out.append("tickTime=").append(TICK_TIME_MILLIS).append('\n')
                .append("initLimit=").append(INIT_LIMIT_TICKS).append('\n')
                .append("syncLimit=").append(SYNC_LIMIT_TICKS).append('\n')
                .append("dataDir=").append(dataDir.toAbsolutePath()).append('\n')
                .append("clientPort=").append(ports.clientPort(id)).append('\n')
                .append("clientPortAddress=").append(Loopback.HOST).append('\n')
                .append("forceSync=yes\n")
                .append("admin.enableServer=false\n")
                .append("4lw.commands.whitelist=srvr,ruok\n");
        for (int n = 1; n <= ports.nodes(); n++) {
            out.append("server.").append(n).append('=').append(Loopback.HOST).append(':').append(ports.quorumPort(n))
                    .append(':').append(ports.electionPort(n)).append('\n');
        }
        return out.toString();
    }
}
