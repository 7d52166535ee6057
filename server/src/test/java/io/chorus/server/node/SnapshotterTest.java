package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.SnapshotStore;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import io.chorus.persistence.snapshot.InMemorySnapshotStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnapshotterTest {
    private final DataTree tree = new DataTree(TreeOptions.DEFAULTS);
    private final InMemorySnapshotStore memory = new InMemorySnapshotStore();
    private final CountDownLatch firstSaveMayFinish = new CountDownLatch(1);
    private long zxid;

    @Test
    void snapshotThatFellDueDuringAWriteStartsOnTheNextTickAfterIt() throws Exception {
        SnapshotStore gated = new GatedStore();
        try (Snapshotter snapshotter = new Snapshotter(gated, new NoLog(), 2, 3)) {
            applyCreates(snapshotter, 2);
            applyCreates(snapshotter, 2);
            firstSaveMayFinish.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> memory.list().contains(2L));
            // No more transactions come: only the tick can take the overdue snapshot.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                snapshotter.onTick(tree);
                return memory.list().contains(4L);
            });
        }
    }

    private void applyCreates(Snapshotter snapshotter, int count) {
        for (int i = 0; i < count; i++) {
            zxid++;
            tree.apply(zxid, new Txn(new TxnHeader(1, (int) zxid, 1000, List.of()),
                    new TxnBody.Create("/n" + zxid, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1)));
            snapshotter.afterApply(tree);
        }
    }

    /** The in-memory store, whose first save waits for the test to let it finish. */
    private final class GatedStore implements SnapshotStore {
        private boolean first = true;

        @Override
        public void save(long zxid, SnapshotWriter writer) throws IOException {
            if (first) {
                first = false;
                try {
                    firstSaveMayFinish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            memory.save(zxid, writer);
        }

        @Override
        public Optional<Snapshot> latestValid() throws IOException {
            return memory.latestValid();
        }

        @Override
        public List<Long> list() throws IOException {
            return memory.list();
        }

        @Override
        public void retain(int count) throws IOException {
            memory.retain(count);
        }

        @Override
        public void close() throws IOException {
            memory.close();
        }
    }

    private static final class NoLog implements DurableLog {
        @Override
        public void append(List<LogEntry> entries) {
        }

        @Override
        public void truncateAfter(long zxid) {
        }

        @Override
        public void rollAndPurge(long purgeUpToZxid) {
        }

        @Override
        public long coversAfter() {
            return 0;
        }

        @Override
        public void startsAfter(long zxid) {
        }

        @Override
        public <T> java.util.concurrent.CompletableFuture<T> onLogThread(
                io.chorus.persistence.log.GroupCommitter.LogWork<T> work) {
            return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException("no log"));
        }

        @Override
        public void close() {
        }
    }
}
