package io.chorus.datatree;

import static io.chorus.datatree.TreeFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.Id;
import io.chorus.datatree.acl.DigestAuth;
import io.chorus.datatree.txn.TxnBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A snapshot restores nodes, stats, data, ACLs, sessions and the zxid exactly. */
class SnapshotRoundTripTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void restoredTreeIsIdenticalToTheOriginal() throws Exception {
        populate();
        byte[] bytes = Snapshots.bytesOf(fx.tree);
        DataTree restored = Snapshots.load(bytes);

        assertThat(restored.lastAppliedZxid()).isEqualTo(fx.tree.lastAppliedZxid());
        assertThat(restored.digest()).isEqualTo(fx.tree.digest());
        assertThat(restored.nodeCount()).isEqualTo(fx.tree.nodeCount());
        assertThat(restored.sessions()).containsExactlyElementsOf(fx.tree.sessions());
        for (String path : List.of("/", "/a", "/a/b", "/a/null", "/e", "/c", "/t", "/secret", "/zookeeper/config")) {
            assertThat(restored.exists(path)).as(path).isEqualTo(fx.tree.exists(path));
            assertThat(restored.getData(path).data()).as(path).isEqualTo(fx.tree.getData(path).data());
            assertThat(restored.getAcl(path).acl()).as(path).isEqualTo(fx.tree.getAcl(path).acl());
        }
        assertThat(restored.getEphemerals(TreeFixture.SESSION, "/")).containsExactly("/e");
        assertThat(Snapshots.bytesOf(restored)).as("byte-identical snapshot of the restored tree").isEqualTo(bytes);
        restored.checkInvariants();
    }

    @Test
    void restoredTreeGoesOnLikeTheOriginal() throws Exception {
        populate();
        TreeFixture restored = new TreeFixture(Snapshots.load(Snapshots.bytesOf(fx.tree)), fx.timeMillis());
        for (TreeFixture each : List.of(fx, restored)) {
            each.create("/a/next-", CreateMode.PERSISTENT_SEQUENTIAL);
            each.apply(new TxnBody.CloseSession());
        }
        assertThat(restored.tree.digest()).isEqualTo(fx.tree.digest());
        assertThat(restored.tree.getChildren("/a").names()).containsExactlyInAnyOrderElementsOf(
                fx.tree.getChildren("/a").names());
        assertThat(Snapshots.bytesOf(restored.tree)).isEqualTo(Snapshots.bytesOf(fx.tree));
    }

    @Test
    void snapshotBytesDoNotDependOnHowChildTablesWereFilled() throws Exception {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        fx.create("/p");
        for (int i : order) {
            fx.create("/p/c" + i);
        }
        for (int i = 0; i < 200; i += 3) {
            fx.apply(new TxnBody.Delete("/p/c" + i, -1));
        }
        byte[] live = Snapshots.bytesOf(fx.tree);
        // the restored tree fills its tables in name order, the live one in creation order
        assertThat(Snapshots.bytesOf(Snapshots.load(live))).isEqualTo(live);
    }

    @Test
    void writingDoesNotCloseTheCallersStreamAndAClosedViewRefusesToWrite() throws IOException {
        ClosingTracker out = new ClosingTracker();
        SnapshotView view = fx.tree.beginSnapshot();
        view.writeTo(out);
        view.close();
        view.close();
        assertThat(out.closed).isFalse();
        assertThat(view.zxid()).isEqualTo(fx.tree.lastAppliedZxid());
        assertThatThrownBy(() -> view.writeTo(new ByteArrayOutputStream())).isInstanceOf(IllegalStateException.class);
        assertThat(fx.tree.openSnapshotCount()).isZero();
    }

    @Test
    void aSnapshotFollowedByOtherBytesReadsOnlyItsOwn() throws IOException {
        byte[] bytes = Snapshots.bytesOf(fx.tree);
        byte[] withTail = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, withTail, 0, bytes.length);
        ByteArrayInputStream in = new ByteArrayInputStream(withTail);
        DataTree.readSnapshot(in, TreeOptions.DEFAULTS);
        assertThat(in.available()).isEqualTo(3);
    }

    private void populate() {
        fx.create("/a");
        fx.apply(TreeFixture.create("/a/b", bytes("payload"), CreateMode.PERSISTENT));
        fx.apply(TreeFixture.create("/a/null", null, CreateMode.PERSISTENT));
        fx.apply(new TxnBody.SetData("/a/b", new byte[70_000], -1));
        fx.create("/e", CreateMode.EPHEMERAL);
        fx.create("/c", CreateMode.CONTAINER);
        fx.apply(TreeFixture.createTtl("/t", 12345));
        Id alice = DigestAuth.digestId("alice:pw");
        fx.applyAs(TreeFixture.SESSION, List.of(alice),
                new TxnBody.Create("/secret", bytes("s"), Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT, -1));
        fx.apply(new TxnBody.SetAcl("/a", List.of(new Acl(Acl.ALL, new Id("ip", "10.0.0.0/8"))), -1));
        fx.openSession(TreeFixture.OTHER_SESSION);
    }

    private static final class ClosingTracker extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
