package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.SnapshotStore;
import io.chorus.api.spi.Zxid;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.SnapshotView;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnCodec;
import io.chorus.datatree.txn.TxnHeader;
import io.chorus.persistence.log.InMemoryTxnLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Recovery reads each snapshot once, skips a damaged one for the next older, and refuses a log that does
 * not continue the snapshot it starts from rather than build a tree that silently lacks the gap.
 */
class RecoveryTest {
    private final InMemoryTxnLog log = new InMemoryTxnLog();

    @Test
    void aDamagedNewestSnapshotIsSkippedForTheNextOlderAndTheLogReplayedFromThere() throws IOException {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        for (int i = 1; i <= 3; i++) {
            applyAndLog(tree, Zxid.of(1, i), "/n" + i);
        }
        byte[] atThree = snapshotOf(tree);
        applyAndLog(tree, Zxid.of(1, 4), "/n4");
        byte[] damaged = snapshotOf(tree);
        damaged[damaged.length / 2] ^= 0x40;
        assertThatThrownBy(() -> DataTree.readSnapshot(new ByteArrayInputStream(damaged), TreeOptions.DEFAULTS))
                .as("the damage is caught on load").isInstanceOf(IOException.class);

        DataTree recovered = Recovery.recover(store(new Stored(Zxid.of(1, 4), damaged),
                new Stored(Zxid.of(1, 3), atThree)), log, TreeOptions.DEFAULTS);

        assertThat(recovered.lastAppliedZxid()).isEqualTo(Zxid.of(1, 4));
        assertThat(recovered.digest()).isEqualTo(tree.digest());
    }

    @Test
    void aLogThatDoesNotContinueTheSnapshotIsRefusedNamingTheGap() throws IOException {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        applyAndLog(tree, Zxid.of(1, 1), "/a");
        byte[] atOne = snapshotOf(tree);
        // entries 2 and 3 were purged or lost: the log goes on at 4
        log.append(new LogEntry(Zxid.of(1, 4), create("/d")));

        assertThatThrownBy(() -> Recovery.recover(store(new Stored(Zxid.of(1, 1), atOne)), log, TreeOptions.DEFAULTS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not continue snapshot " + Zxid.toString(Zxid.of(1, 1)))
                .hasMessageContaining("next entry is " + Zxid.toString(Zxid.of(1, 4)));
    }

    @Test
    void aLogWithoutItsBeginningAndNoSnapshotIsRefused() {
        log.append(new LogEntry(Zxid.of(1, 7), create("/late")));

        assertThatThrownBy(() -> Recovery.recover(store(), log, TreeOptions.DEFAULTS))
                .isInstanceOf(IOException.class).hasMessageContaining("does not continue an empty tree");
    }

    @Test
    void theNextZxidIsTheNextCounterOrTheFirstOfALaterEpoch() {
        assertThat(Recovery.follows(0, Zxid.of(1, 1))).isTrue();
        assertThat(Recovery.follows(Zxid.of(1, 5), Zxid.of(1, 6))).isTrue();
        assertThat(Recovery.follows(Zxid.of(1, 5), Zxid.of(3, 1))).isTrue();
        assertThat(Recovery.follows(Zxid.of(1, 5), Zxid.of(1, 7))).isFalse();
        assertThat(Recovery.follows(Zxid.of(1, 5), Zxid.of(2, 2))).isFalse();
        assertThat(Recovery.follows(Zxid.of(2, 5), Zxid.of(1, 1))).isFalse();
    }

    private void applyAndLog(DataTree tree, long zxid, String path) {
        byte[] payload = create(path);
        tree.apply(zxid, decode(payload));
        log.append(new LogEntry(zxid, payload));
    }

    private static byte[] create(String path) {
        return TxnCodec.encode(new Txn(new TxnHeader(0, 1, 1_000, List.of()),
                new TxnBody.Create(path, new byte[] {1}, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1)));
    }

    private static Txn decode(byte[] payload) {
        try {
            return TxnCodec.decode(payload);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] snapshotOf(DataTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnapshotView view = tree.beginSnapshot()) {
            view.writeTo(out);
        }
        return out.toByteArray();
    }

    private record Stored(long zxid, byte[] bytes) implements SnapshotStore.Snapshot {
        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /** Snapshots handed over newest first, unverified, as the store's {@code newestFirst} does. */
    private static SnapshotStore store(Stored... newestFirst) {
        return new SnapshotStore() {
            @Override
            public void save(long zxid, SnapshotWriter writer) {
                throw new UnsupportedOperationException("recovery only reads");
            }

            @Override
            public Optional<Snapshot> latestValid() {
                throw new UnsupportedOperationException("recovery reads newestFirst, each once");
            }

            @Override
            public List<Snapshot> newestFirst() {
                return List.of(newestFirst);
            }

            @Override
            public List<Long> list() {
                return List.of();
            }

            @Override
            public void retain(int count) {
            }

            @Override
            public void close() {
            }
        };
    }
}
