package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.Zxid;
import io.chorus.persistence.DataDirectory;
import io.chorus.persistence.snapshot.MapDbSnapshotStore;
import io.chorus.persistence.snapshot.StoredSnapshotSize;
import io.chorus.server.ChorusServer;
import io.chorus.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running node answers {@code mntr} on its client port with the newest snapshot its store holds, and
 * after a restart reports the one it found on disk.
 */
class MntrOverTheClientPortTest {
    private static final int SNAPSHOT_EVERY_TXNS = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void mntrReportsTheNewestSnapshotAndAfterARestartTheOneOnDisk() throws Exception {
        try (ChorusServer server = start()) {
            assertThat(mntr(server)).containsEntry("zk_server_state", "standalone")
                    .doesNotContainKeys("chorus_last_snapshot_zxid", "chorus_last_snapshot_bytes");
            try (ZooKeeper zk = new ZooKeeper("127.0.0.1:" + server.clientPort(), 30_000, event -> { })) {
                for (int i = 0; i < 3 * SNAPSHOT_EVERY_TXNS; i++) {
                    zk.create("/n" + i, new byte[100], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
            }
            // snapshots are written on their own thread, after the transactions that make them due
            await().atMost(WAIT).until(() -> mntr(server).containsKey("chorus_last_snapshot_zxid"));
            Map<String, String> loaded = mntr(server);
            assertThat(Zxid.counter(Long.parseLong(loaded.get("chorus_last_snapshot_zxid"))))
                    .isGreaterThanOrEqualTo(SNAPSHOT_EVERY_TXNS);
            assertThat(Long.parseLong(loaded.get("chorus_last_snapshot_bytes"))).isPositive();
            assertThat(loaded).containsEntry("zk_znode_count", Integer.toString(3 * SNAPSHOT_EVERY_TXNS + 4));
        }
        StoredSnapshotSize onDisk;
        try (MapDbSnapshotStore store = MapDbSnapshotStore.open(dataDir.resolve(DataDirectory.SNAPSHOTS))) {
            onDisk = store.newest().orElseThrow();
        }
        try (ChorusServer restarted = start()) {
            assertThat(mntr(restarted)).containsEntry("chorus_last_snapshot_zxid", Long.toString(onDisk.zxid()))
                    .containsEntry("chorus_last_snapshot_bytes", Long.toString(onDisk.streamBytes()));
        }
    }

    private ChorusServer start() throws IOException {
        ServerConfig.Builder config = ServerConfig.builder().clientPort(0).dataDir(dataDir)
                .snapshotEveryTxns(SNAPSHOT_EVERY_TXNS);
        config.clientBindAddress = InetAddress.getLoopbackAddress().getHostAddress();
        return ChorusServer.start(config.build());
    }

    private static Map<String, String> mntr(ChorusServer server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.clientPort()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("mntr".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return FourLetterWordsTest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
