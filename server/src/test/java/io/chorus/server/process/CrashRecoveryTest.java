package io.chorus.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.persistence.snapshot.MapDbSnapshotStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process killed with SIGKILL in the middle of a write load comes back from its data
 * directory with every write it acknowledged; a torn log tail is cut off; a damaged snapshot is skipped
 * with a message that names it, for an older one or the log.
 */
class CrashRecoveryTest {
    private static final int IN_FLIGHT_MAX = 200;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkillUnderLoad() throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < 2; round++) {
            try (ChorusProcess node = ChorusProcess.start(dataDir, "--config", smallSnapshots().toString())) {
                ZooKeeper zk = connect(node.connectString());
                try {
                    assertAllPresent(zk, acknowledged);
                    int target = acknowledged.size() + 1500;
                    Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);
                    int round0 = round;
                    Thread load = new Thread(() -> writeUntilDead(zk, round0, inFlight, acknowledged));
                    load.start();
                    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= target);
                    node.kill();
                    load.join(30_000);
                } finally {
                    zk.close(1_000);
                }
            }
        }
        restartAndAssertAllPresent(acknowledged);
    }

    @Test
    void tornLogTailIsCutOffAndNothingAcknowledgedIsLost() throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        try (ChorusProcess node = ChorusProcess.start(dataDir)) {
            ZooKeeper zk = connect(node.connectString());
            try {
                for (int i = 0; i < 50; i++) {
                    String path = zk.create("/torn-" + i, ("v" + i).getBytes(StandardCharsets.UTF_8),
                            ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    acknowledged.put(path, "v" + i);
                }
            } finally {
                node.kill();
                zk.close(1_000);
            }
        }
        Path newestSegment = newestLogSegment();
        try (RandomAccessFile file = new RandomAccessFile(newestSegment.toFile(), "rw")) {
            // Half a record: a plausible length and some bytes, as a crash mid-write leaves it.
            file.seek(file.length());
            file.write(new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5, 6, 7});
        }
        try (ChorusProcess node = ChorusProcess.start(dataDir)) {
            ZooKeeper zk = connect(node.connectString());
            try {
                assertAllPresent(zk, acknowledged);
                zk.create("/after-recovery", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } finally {
                zk.close();
            }
            assertThat(node.output()).containsIgnoringCase("trunc");
        }
    }

    @Test
    void damagedSnapshotsAreSkippedNamingThemForAnOlderOneOrTheLog() throws Exception {
        Map<String, String> written = new ConcurrentHashMap<>();
        try (ChorusProcess node = ChorusProcess.start(dataDir, "--config", smallSnapshots().toString())) {
            ZooKeeper zk = connect(node.connectString());
            try {
                for (int i = 0; i < 300; i++) {
                    String value = ("value " + i + " ").repeat(10);
                    zk.create("/snap-" + i, value.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT);
                    written.put("/snap-" + i, value);
                }
            } finally {
                zk.close();
            }
            await().atMost(Duration.ofSeconds(30)).alias("two snapshots; server output:\n" + node.output())
                    .until(() -> snapshotFilesNewestFirst().size() > 1);
        }
        List<Path> snapshots = snapshotFilesNewestFirst();
        overwriteStart(snapshots.get(0));
        assertThat(restartAndAssertAllPresent(written)).contains("Skipping", snapshots.get(0).getFileName().toString());
        for (Path snapshot : snapshotFilesNewestFirst()) {
            overwriteStart(snapshot);
        }
        String output = restartAndAssertAllPresent(written); // the log still reaches back to the first transaction
        for (Path snapshot : snapshots) {
            assertThat(output).contains("Skipping", snapshot.getFileName().toString());
        }
    }

    private List<Path> snapshotFilesNewestFirst() throws IOException {
        Path directory = dataDir.resolve("snapshots");
        return MapDbSnapshotStore.zxidsNewestFirst(directory).stream()
                .map(zxid -> MapDbSnapshotStore.fileOf(directory, zxid))
                .toList();
    }

    /** Starts a node on the data directory, checks every acknowledged write is there, and returns its output. */
    private String restartAndAssertAllPresent(Map<String, String> acknowledged) throws Exception {
        try (ChorusProcess node = ChorusProcess.start(dataDir)) {
            ZooKeeper zk = connect(node.connectString());
            try {
                assertAllPresent(zk, acknowledged);
            } finally {
                zk.close();
            }
            return node.output();
        }
    }

    private static void overwriteStart(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] noise = new byte[(int) Math.min(raf.length(), 64 * 1024)];
            java.util.Arrays.fill(noise, (byte) 0x5a);
            raf.seek(0);
            raf.write(noise);
        }
    }

    private Path smallSnapshots() throws IOException {
        Path config = dataDir.resolveSibling(dataDir.getFileName() + "-zoo.cfg");
        Files.writeString(config, "snapCount=100\n");
        return config;
    }

    private Path newestLogSegment() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("log"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("log."))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow();
        }
    }

    private static void writeUntilDead(ZooKeeper zk, int round, Semaphore inFlight, Map<String, String> acknowledged) {
        for (int i = 0; ; i++) {
            try {
                if (!inFlight.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!zk.getState().isAlive() || !zk.getState().isConnected()) {
                return;
            }
            String path = "/load-" + round + "-" + i;
            String value = "value-" + i;
            zk.create(path, value.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT, (rc, p, ctx, name) -> {
                        if (rc == KeeperException.Code.OK.intValue()) {
                            acknowledged.put(name, value);
                        }
                        inFlight.release();
                    }, null);
        }
    }

    private static ZooKeeper connect(String connectString) throws IOException {
        ZooKeeper zk = new ZooKeeper(connectString, 30_000, event -> { });
        await().atMost(Duration.ofSeconds(20)).until(() -> zk.getState().isConnected());
        return zk;
    }

    private static void assertAllPresent(ZooKeeper zk, Map<String, String> acknowledged) throws Exception {
        for (Map.Entry<String, String> e : acknowledged.entrySet()) {
            byte[] data = zk.getData(e.getKey(), false, null);
            assertThat(new String(data, StandardCharsets.UTF_8)).as(e.getKey()).isEqualTo(e.getValue());
        }
        List<String> children = zk.getChildren("/", false);
        assertThat(children).containsAll(acknowledged.keySet().stream().map(p -> p.substring(1)).toList());
    }
}
