package io.chorus.bench.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.bench.process.ChildJvm;
import io.chorus.bench.process.ClientTransport;
import io.chorus.bench.process.RunCleanup;
import io.chorus.bench.process.StartedServer;
import io.chorus.bench.process.ZooKeeperServerType;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TreeWorkloadAgainstZooKeeperTest {
    private static final TreeSpec TWO_THOUSAND = new TreeSpec(2_000, 20, 100, 4, 64, ValueMode.DISTINCT,
            ClientTransport.NETTY);

    @Test
    void loadsMeasuresRestartsAndFindsTheSnapshot() {
        StringWriter progress = new StringWriter();
        TreeResult result;
        try (RunCleanup cleanup = new RunCleanup()) {
            result = new TreeWorkload(TWO_THOUSAND, ChildJvm.likeThisJvm(StartedServer.TEST_HEAP), cleanup,
                    new PrintWriter(progress)).run(new ZooKeeperServerType());
        }

        assertThat(result.nodes()).isEqualTo(2_000);
        assertThat(result.createsPerSecond()).isPositive();
        assertThat(result.heapBytesLoaded()).isGreaterThan(result.heapBytesEmpty());
        // ZooKeeper snapshots on every load, so the restart left one holding all 2,000 values.
        assertThat(result.newestSnapshotBytes()).isGreaterThan(2_000L * 100)
                .isEqualTo(result.snapshots().get(0).bytes());
        assertThat(result.snapshotFilesBytes()).isGreaterThanOrEqualTo(result.newestSnapshotBytes());
        assertThat(result.snapshots().get(0).name()).startsWith("version-2/snapshot.");
        assertThat(result.restartMillis()).isPositive();
        assertThat(progress.toString()).contains("/chorus-tree/p00019/n00001999 readable");
    }
}
