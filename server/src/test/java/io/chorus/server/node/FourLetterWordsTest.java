package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.Role;
import io.chorus.persistence.snapshot.StoredSnapshotSize;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The four-letter words' answers, {@code mntr} parsed as a monitoring tool would parse ZooKeeper's. */
class FourLetterWordsTest {
    private final AtomicReference<Optional<StoredSnapshotSize>> snapshot = new AtomicReference<>(Optional.empty());
    private final FourLetterWords words = new FourLetterWords(new NodeStatus() {
        @Override
        public Leadership leadership() {
            return new Leadership(Role.FOLLOWER, 7, 2);
        }

        @Override
        public long lastAppliedZxid() {
            return 0x1_0000_002aL;
        }

        @Override
        public int nodeCount() {
            return 1_005;
        }

        @Override
        public long treeDigest() {
            return -42;
        }
    }, () -> 3, snapshot::get);

    @Test
    void mntrIsOneTabSeparatedKeyValueLinePerFigureWithZooKeepersKeysFirst() {
        snapshot.set(Optional.of(new StoredSnapshotSize(0x1_0000_0020L, 15_274_192)));

        String answer = words.answer("mntr");

        assertThat(answer).endsWith("\n");
        Map<String, String> figures = parse(answer);
        assertThat(figures).containsExactly(
                Map.entry("zk_version", FourLetterWords.VERSION),
                Map.entry("zk_server_state", "follower"),
                Map.entry("zk_num_alive_connections", "3"),
                Map.entry("zk_znode_count", "1005"),
                Map.entry("chorus_last_applied_zxid", Long.toString(0x1_0000_002aL)),
                Map.entry("chorus_tree_digest", "-42"),
                Map.entry("chorus_epoch", "7"),
                Map.entry("chorus_leader_id", "2"),
                Map.entry("chorus_last_snapshot_zxid", Long.toString(0x1_0000_0020L)),
                Map.entry("chorus_last_snapshot_bytes", "15274192"));
    }

    @Test
    void mntrLeavesOutTheSnapshotLinesUntilThereIsASnapshot() {
        assertThat(parse(words.answer("mntr"))).containsKeys("zk_version", "zk_znode_count")
                .doesNotContainKeys("chorus_last_snapshot_zxid", "chorus_last_snapshot_bytes");
    }

    @Test
    void theOtherWordsAreUnchangedAndUnknownOnesAreNotCommands() {
        assertThat(words.answer("ruok")).isEqualTo("imok");
        assertThat(words.answer("srvr")).contains("Zxid: 0x10000002a\n", "Mode: follower\n", "Node count: 1005\n");
        assertThat(words.answer("isro")).isEqualTo("rw");
        assertThat(words.answer("wchs")).isNull();
    }

    /** What a monitoring script does with ZooKeeper's mntr: split lines at the tab, every line exactly once. */
    static Map<String, String> parse(String answer) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : answer.split("\n")) {
            String[] keyAndValue = line.split("\t", -1);
            assertThat(keyAndValue).as("line '%s'", line).hasSize(2);
            assertThat(figures.put(keyAndValue[0], keyAndValue[1])).as("repeated %s", keyAndValue[0]).isNull();
        }
        return figures;
    }
}
