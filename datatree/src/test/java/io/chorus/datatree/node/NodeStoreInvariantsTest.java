package io.chorus.datatree.node;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.datatree.codec.Cesu8;
import org.junit.jupiter.api.Test;

/** Changes that would corrupt the tree are refused, and the audit notices state that went wrong anyway. */
class NodeStoreInvariantsTest {
    private final NodeStore store = freshStore();

    @Test
    void consistentStorePassesTheAudit() {
        store.create("/", "/a", null, Acl.OPEN_ACL_UNSAFE, 0, 5, 100);
        store.create("/a", "/a/e", null, Acl.READ_ACL_UNSAFE, 0x42, 6, 100);
        store.setData("/a", new byte[3], 1, 7, 101);
        store.setAcl("/a", Acl.CREATOR_ALL_ACL, 1);
        store.delete("/a", "/a/e", 8);
        assertThatCode(store::checkInvariants).doesNotThrowAnyException();
    }

    @Test
    void auditCatchesAStatChangedBehindTheDigestsBack() {
        Node node = store.create("/", "/a", null, Acl.OPEN_ACL_UNSAFE, 0, 5, 100);
        node.czxid = 99;
        assertThatThrownBy(store::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running digest");
    }

    @Test
    void corruptingChangesAreRefused() {
        store.create("/", "/a", null, Acl.OPEN_ACL_UNSAFE, 0, 5, 100);
        store.create("/a", "/a/b", null, Acl.OPEN_ACL_UNSAFE, 0, 6, 100);
        assertThatThrownBy(() -> store.create("/", "/a", null, Acl.OPEN_ACL_UNSAFE, 0, 7, 100))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already present");
        assertThatThrownBy(() -> store.create("/missing", "/missing/x", null, Acl.OPEN_ACL_UNSAFE, 0, 7, 100))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("parent missing");
        assertThatThrownBy(() -> store.create("/a", "/b/x", null, Acl.OPEN_ACL_UNSAFE, 0, 7, 100))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a child of");
        assertThatThrownBy(() -> store.delete("/", "/a", 7))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has children");
        assertThatThrownBy(() -> store.delete("/", "/nope", 7)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.setData("/nope", null, 1, 7, 100)).isInstanceOf(IllegalStateException.class);
        assertThatCode(store::checkInvariants).doesNotThrowAnyException();
    }

    @Test
    void releasingASnapshotTwiceIsABug() {
        FrozenTree frozen = store.freeze();
        store.release(frozen);
        assertThatThrownBy(() -> store.release(frozen)).isInstanceOf(IllegalStateException.class);
    }

    private static NodeStore freshStore() {
        NodeStoreBuilder builder = new NodeStoreBuilder(true);
        Node root = builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0));
        byte[] path = Cesu8.encode("/zookeeper");
        builder.addChild(root, path, 1, path.length, new byte[0], Acl.OPEN_ACL_UNSAFE,
                new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0));
        return builder.build();
    }
}
