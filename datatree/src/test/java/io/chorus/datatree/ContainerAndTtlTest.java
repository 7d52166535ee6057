package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.datatree.txn.TxnBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Containers and TTL nodes: housekeeping proposes their deletion, and the deletion re-checks when applied. */
class ContainerAndTtlTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void neverUsedContainerIsNotDue() {
        fx.create("/c", CreateMode.CONTAINER);
        assertThat(fx.tree.housekeeping(fx.timeMillis() + 1_000_000)).isEmpty();
    }

    @Test
    void containerThatLostItsLastChildIsDueAndDeleted() {
        fx.create("/c", CreateMode.CONTAINER);
        fx.create("/c/x");
        assertThat(fx.tree.housekeeping(fx.timeMillis())).isEmpty();
        fx.apply(new TxnBody.Delete("/c/x", -1));

        List<TxnBody> due = fx.tree.housekeeping(fx.timeMillis());
        assertThat(due).containsExactly(new TxnBody.DeleteContainer("/c"));
        ApplyResult result = fx.applyAt(fx.timeMillis() + 1, due.get(0));
        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(fx.tree.exists("/c")).isNull();
        fx.tree.checkInvariants();
    }

    @Test
    void deleteContainerRechecksItsCondition() {
        fx.create("/c", CreateMode.CONTAINER);
        fx.create("/c/x");
        assertThat(fx.apply(new TxnBody.DeleteContainer("/c")).code()).isEqualTo(Code.NOTEMPTY);
        fx.create("/fresh", CreateMode.CONTAINER);
        assertThat(fx.apply(new TxnBody.DeleteContainer("/fresh")).code()).as("never used").isEqualTo(Code.BADVERSION);
        fx.create("/plain");
        assertThat(fx.apply(new TxnBody.DeleteContainer("/plain")).code()).isEqualTo(Code.BADVERSION);
        assertThat(fx.apply(new TxnBody.DeleteContainer("/gone")).code()).isEqualTo(Code.NONODE);
        assertThat(fx.apply(new TxnBody.DeleteContainer("/zookeeper")).code()).isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.tree.exists("/plain")).isNotNull();
    }

    @Test
    void ttlNodeIsDueOnlyOnceUnmodifiedForLongerThanItsTtl() {
        fx.apply(TreeFixture.createTtl("/t", 1000));
        long mtime = fx.tree.exists("/t").mtime();
        assertThat(fx.tree.housekeeping(mtime + 1000)).isEmpty();

        List<TxnBody> due = fx.tree.housekeeping(mtime + 1001);
        assertThat(due).containsExactly(new TxnBody.DeleteExpiredTtl("/t", fx.tree.exists("/t").mzxid()));
        assertThat(fx.applyAt(mtime + 1001, due.get(0)).code()).isEqualTo(Code.OK);
        assertThat(fx.tree.exists("/t")).isNull();
    }

    @Test
    void ttlNodeWithChildrenIsNotDue() {
        fx.apply(TreeFixture.createTtl("/t", 10));
        fx.create("/t/child");
        assertThat(fx.tree.housekeeping(fx.timeMillis() + 1_000_000)).isEmpty();
    }

    @Test
    void deleteExpiredTtlRechecksModificationTimeAndChildren() {
        fx.apply(TreeFixture.createTtl("/t", 1000));
        long mzxid = fx.tree.exists("/t").mzxid();
        long mtime = fx.tree.exists("/t").mtime();

        assertThat(fx.applyAt(mtime + 500, new TxnBody.DeleteExpiredTtl("/t", mzxid)).code())
                .as("not expired at the txn's time").isEqualTo(Code.BADVERSION);
        fx.apply(new TxnBody.SetData("/t", null, -1));
        assertThat(fx.applyAt(mtime + 5000, new TxnBody.DeleteExpiredTtl("/t", mzxid)).code())
                .as("modified since housekeeping looked").isEqualTo(Code.BADVERSION);
        fx.create("/t/c");
        long newMzxid = fx.tree.exists("/t").mzxid();
        assertThat(fx.applyAt(mtime + 9000, new TxnBody.DeleteExpiredTtl("/t", newMzxid)).code())
                .isEqualTo(Code.NOTEMPTY);
        assertThat(fx.tree.exists("/t")).isNotNull();
    }

    @Test
    void housekeepingReturnsAtMostItsBoundPerCall() {
        int containers = Housekeeping.TXNS_PER_CALL_MAX + 5;
        for (int i = 0; i < containers; i++) {
            String path = "/c" + i;
            fx.create(path, CreateMode.CONTAINER);
            fx.create(path + "/x");
            fx.apply(new TxnBody.Delete(path + "/x", -1));
        }
        List<TxnBody> first = fx.tree.housekeeping(fx.timeMillis());
        assertThat(first).hasSize(Housekeeping.TXNS_PER_CALL_MAX);
        for (TxnBody body : first) {
            assertThat(fx.apply(body).code()).isEqualTo(Code.OK);
        }
        assertThat(fx.tree.housekeeping(fx.timeMillis())).hasSize(5);
    }
}
