package io.chorus.datatree;

import static io.chorus.datatree.TreeFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.CreateMode;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A snapshot written on another thread while applying continues is the tree exactly at its zxid:
 * loading it and replaying the later transactions gives the live tree.
 */
class SnapshotWhileApplyingTest {
    private final List<Txn> log = new ArrayList<>();
    private final DataTree live = new DataTree(TreeOptions.DEFAULTS);

    @Test
    void snapshotWrittenConcurrentlyPlusReplayEqualsTheLiveTree() throws Exception {
        apply(new TxnBody.CreateSession(30_000, new byte[] {1}));
        for (int i = 0; i < 300; i++) {
            apply(TreeFixture.create("/n" + (i % 30), bytes("v" + i), CreateMode.PERSISTENT));
            apply(TreeFixture.create("/n" + (i % 30) + "/c" + i, null, CreateMode.EPHEMERAL));
        }
        DataTree atSnapshot = replay(log.size());
        SnapshotView view = live.beginSnapshot();
        int snapshotAt = log.size();

        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch applying = new CountDownLatch(1);
            Future<byte[]> written = writer.submit(() -> {
                applying.await();
                return Snapshots.bytesOf(view);
            });
            applying.countDown();
            // every kind of change to nodes the view shares, while it is being written
            for (int i = 0; i < 300; i++) {
                apply(new TxnBody.SetData("/n" + (i % 30), bytes("w" + i), -1));
                apply(new TxnBody.Delete("/n" + (i % 30) + "/c" + i, -1));
                apply(TreeFixture.create("/n" + (i % 30) + "/d" + i, null, CreateMode.PERSISTENT));
                apply(new TxnBody.SetAcl("/n" + (i % 30), io.chorus.api.Acl.OPEN_ACL_UNSAFE, -1));
            }
            apply(new TxnBody.CloseSession());
            byte[] snapshot = written.get(60, TimeUnit.SECONDS);
            view.close();

            DataTree restored = Snapshots.load(snapshot);
            assertThat(restored.lastAppliedZxid()).isEqualTo(snapshotAt);
            assertThat(restored.digest()).isEqualTo(atSnapshot.digest());
            assertThat(Snapshots.bytesOf(restored)).isEqualTo(Snapshots.bytesOf(atSnapshot));
            for (int i = snapshotAt; i < log.size(); i++) {
                restored.apply(i + 1, log.get(i));
            }
            assertThat(restored.digest()).isEqualTo(live.digest());
            assertThat(Snapshots.bytesOf(restored)).isEqualTo(Snapshots.bytesOf(live));
            live.checkInvariants();
            assertThat(live.openSnapshotCount()).isZero();
        } finally {
            writer.shutdownNow();
            assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void overlappingSnapshotsEachSeeTheirOwnZxid() throws Exception {
        apply(TreeFixture.create("/a", bytes("1"), CreateMode.PERSISTENT));
        DataTree atFirst = replay(log.size());
        SnapshotView first = live.beginSnapshot();
        apply(new TxnBody.SetData("/a", bytes("2"), -1));
        apply(TreeFixture.create("/a/b", null, CreateMode.PERSISTENT));
        DataTree atSecond = replay(log.size());
        SnapshotView second = live.beginSnapshot();
        apply(new TxnBody.Delete("/a/b", -1));
        apply(new TxnBody.SetData("/a", bytes("3"), -1));

        second.close();
        apply(new TxnBody.SetData("/a", bytes("4"), -1));
        byte[] firstBytes = Snapshots.bytesOf(first);
        first.close();

        assertThat(Snapshots.load(firstBytes).digest()).isEqualTo(atFirst.digest());
        assertThat(atSecond.digest()).isNotEqualTo(atFirst.digest());
        assertThat(live.openSnapshotCount()).isZero();
        live.checkInvariants();
    }

    private void apply(TxnBody body) {
        Txn txn = new Txn(new TxnHeader(TreeFixture.SESSION, 1, 5_000 + log.size(), List.of()), body);
        log.add(txn);
        live.apply(log.size(), txn);
    }

    private DataTree replay(int count) {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        for (int i = 0; i < count; i++) {
            tree.apply(i + 1, log.get(i));
        }
        return tree;
    }
}
