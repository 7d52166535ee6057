package io.chorus.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Reading ZooKeeper's mntr four-letter word: the parser alone, then against live servers. */
class MntrProbeTest {
    @Test
    void parsesTabSeparatedLinesInOrder() throws IOException {
        Map<String, String> figures = MntrProbe.parse("zk_version\t3.9.5-31a9, built on 2025-01-01\n"
                + "zk_server_state\tstandalone\n\nzk_znode_count\t1005\nchorus_last_snapshot_bytes\t 4096 \n");
        assertThat(figures).containsExactly(Map.entry("zk_version", "3.9.5-31a9, built on 2025-01-01"),
                Map.entry("zk_server_state", "standalone"), Map.entry("zk_znode_count", "1005"),
                Map.entry("chorus_last_snapshot_bytes", " 4096 "));
        assertThat(MntrProbe.number(figures, "chorus_last_snapshot_bytes")).isEqualTo(OptionalLong.of(4096));
        assertThat(MntrProbe.number(figures, "chorus_last_snapshot_zxid")).isEmpty();
        assertThatThrownBy(() -> MntrProbe.number(figures, "zk_server_state"))
                .hasMessageContaining("zk_server_state is not a number: \"standalone\"");
    }

    @Test
    void aRefusalOrAMalformedAnswerIsAnErrorQuotingTheLine() {
        assertThatThrownBy(() -> MntrProbe.parse("mntr is not executed because it is not in the whitelist.\n"))
                .isInstanceOf(IOException.class)
                .hasMessage("not an mntr line: \"mntr is not executed because it is not in the whitelist.\"");
        assertThatThrownBy(() -> MntrProbe.parse("\tvalue\n")).hasMessageContaining("not an mntr line");
        assertThatThrownBy(() -> MntrProbe.parse("a\tb\tc\n")).hasMessageContaining("not an mntr line");
        assertThatThrownBy(() -> MntrProbe.parse("zk_znode_count\t1\nzk_znode_count\t2\n"))
                .hasMessage("mntr repeats zk_znode_count");
    }

    @Test
    void chorusAnswersMntrAndHasNoSnapshotBeforeItsFirst() throws IOException {
        assumeTrue(ChorusServerType.isAvailable(), "awaits " + ChorusServerType.MAIN_CLASS);
        try (StartedServer chorus = StartedServer.chorus()) {
            InetSocketAddress address = new InetSocketAddress(Loopback.HOST, chorus.process().port());
            Map<String, String> figures = MntrProbe.query(address);

            assertThat(figures).containsEntry("zk_server_state", "standalone")
                    .containsKeys("zk_version", "zk_num_alive_connections")
                    .doesNotContainKeys(ChorusServerType.MNTR_SNAPSHOT_ZXID, ChorusServerType.MNTR_SNAPSHOT_BYTES);
            assertThat(MntrProbe.number(figures, "zk_znode_count").orElseThrow()).isPositive();
            assertThat(new ChorusServerType().newestSnapshot(chorus.process().dataDir(), address)).isEmpty();
        }
    }

    @Test
    void stockZooKeeperRefusesMntrUnlessWhitelistedAndTheProbeSaysSo() {
        try (StartedServer zooKeeper = StartedServer.zooKeeper()) {
            InetSocketAddress address = new InetSocketAddress(Loopback.HOST, zooKeeper.process().port());
            assertThatThrownBy(() -> MntrProbe.query(address))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("not an mntr line").hasMessageContaining("whitelist");
        }
    }
}
