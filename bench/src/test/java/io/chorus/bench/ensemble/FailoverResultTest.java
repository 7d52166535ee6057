package io.chorus.bench.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.server.cluster.ClusterPorts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverResultTest {
    @Test
    void percentilesAreNearestRankOverTheRounds() {
        FailoverResult r = new FailoverResult(List.of(500.0, 100.0, 300.0, 200.0, 400.0),
                List.of(50.0, 10.0, 30.0, 20.0, 40.0), 1_000, 2_000_000_000L);

        assertThat(r.rounds()).isEqualTo(5);
        assertThat(r.percentile(50)).isEqualTo(300.0);
        assertThat(r.percentile(90)).isEqualTo(500.0);
        assertThat(r.max()).isEqualTo(500.0);
        assertThat(r.percentile(1)).isEqualTo(100.0);
        assertThat(r.electedPercentile(50)).isEqualTo(30.0);
        assertThat(r.steadyWritesPerSecond()).isEqualTo(500.0);
    }

    @Test
    void zooKeeperNodesGetTheSharedTimingsFsyncAndEveryServerLine() {
        String cfg = ZooKeeperEnsembleType.zooCfg(new ClusterPorts(20_000, 3), 2, Path.of("/tmp/x"));

        assertThat(cfg).contains("tickTime=2000\n", "initLimit=10\n", "syncLimit=5\n", "forceSync=yes\n",
                "clientPort=20001\n", "clientPortAddress=127.0.0.1\n", "server.1=127.0.0.1:21000:22000\n",
                "server.3=127.0.0.1:21002:22002\n", "4lw.commands.whitelist=srvr,ruok\n");
    }
}
