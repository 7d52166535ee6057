package io.chorus.datatree;

import static io.chorus.datatree.TreeFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.datatree.txn.TxnBody;
import org.junit.jupiter.api.Test;

/** The reads the server answers from the apply thread. */
class ReadApiTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void missingOrMalformedPathsHaveNoStatAndNoNodeForReads() {
        assertThat(fx.tree.exists("/missing")).isNull();
        assertThat(fx.tree.exists("bad")).isNull();
        assertThat(fx.tree.exists("")).isNull();
        assertThat(fx.tree.exists(null)).isNull();
        assertThat(fx.tree.exists("/zookeeper/")).isNull();
        assertNoNode(() -> fx.tree.getData("/missing"));
        assertNoNode(() -> fx.tree.getChildren("/missing"));
        assertNoNode(() -> fx.tree.getAcl("/missing"));
        assertNoNode(() -> fx.tree.getAllChildrenNumber("/missing"));
    }

    @Test
    void getChildrenReturnsNamesWithTheParentStat() throws ChorusException {
        fx.create("/p");
        fx.create("/p/a");
        fx.create("/p/b");
        fx.create("/p/b/deeper");

        assertThat(fx.tree.getChildren("/p").names()).containsExactlyInAnyOrder("a", "b");
        assertThat(fx.tree.getChildren("/p").stat()).isEqualTo(fx.tree.exists("/p"));
        assertThat(fx.tree.getAllChildrenNumber("/p")).isEqualTo(3);
        assertThat(fx.tree.getAllChildrenNumber("/")).isEqualTo(fx.tree.nodeCount() - 1);
    }

    @Test
    void getDataReturnsACopyTheCallerCannotUseToChangeTheTree() throws ChorusException {
        fx.apply(TreeFixture.create("/a", bytes("abc"), CreateMode.PERSISTENT));
        long digest = fx.tree.digest();
        byte[] data = fx.tree.getData("/a").data();
        data[0] = 'z';
        assertThat(fx.tree.getData("/a").data()).isEqualTo(bytes("abc"));
        assertThat(fx.tree.digest()).isEqualTo(digest);
    }

    @Test
    void dataPassedInIsCopiedSoLaterChangesToTheArrayDoNotLeak() throws ChorusException {
        byte[] data = bytes("abc");
        fx.apply(new TxnBody.Create("/a", data, io.chorus.api.Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1));
        data[0] = 'z';
        assertThat(fx.tree.getData("/a").data()).isEqualTo(bytes("abc"));
    }

    @Test
    void unicodeNamesWithinZooKeepersRangeWork() throws ChorusException {
        fx.create("/caf\u00e9");
        fx.create("/caf\u00e9/\u4e2d\u6587");
        assertThat(fx.tree.getChildren("/caf\u00e9").names()).containsExactly("\u4e2d\u6587");
        fx.tree.checkInvariants();
    }

    private static void assertNoNode(ThrowingRead read) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.code()).isEqualTo(Code.NONODE));
    }

    @FunctionalInterface
    private interface ThrowingRead {
        void run() throws Exception;
    }
}
