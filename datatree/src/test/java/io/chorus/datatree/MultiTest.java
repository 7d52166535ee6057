package io.chorus.datatree;

import static io.chorus.datatree.TreeFixture.bytes;
import static io.chorus.datatree.TreeFixture.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import io.chorus.datatree.txn.TxnBody;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** multi: all-or-nothing, each op validated against the earlier ones' effects, ZooKeeper's result shapes. */
class MultiTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void laterOpsSeeEarlierOnesAndAllApplyAtOneZxid() {
        ApplyResult result = fx.apply(new TxnBody.Multi(List.of(
                create("/a", null, CreateMode.PERSISTENT),
                create("/a/b", bytes("x"), CreateMode.PERSISTENT),
                new TxnBody.SetData("/a/b", bytes("yz"), 0),
                new TxnBody.Check("/a/b", 1),
                new TxnBody.SetData("/a/b", bytes("w"), 1))));

        List<OpResult> results = results(result);
        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(results.get(0)).isInstanceOf(OpResult.CreateResult.class);
        assertThat(((OpResult.CreateResult) results.get(1)).path()).isEqualTo("/a/b");
        assertThat(((OpResult.CreateResult) results.get(1)).stat().version()).as("stat at the op").isZero();
        assertThat(((OpResult.SetDataResult) results.get(2)).stat().version()).isEqualTo(1);
        assertThat(results.get(3)).isEqualTo(new OpResult.CheckResult());
        assertThat(((OpResult.SetDataResult) results.get(4)).stat().version()).isEqualTo(2);
        Stat b = fx.tree.exists("/a/b");
        assertThat(b.czxid()).isEqualTo(fx.zxid());
        assertThat(b.mzxid()).isEqualTo(fx.zxid());
        fx.tree.checkInvariants();
    }

    @Test
    void failureAppliesNothingAndReportsZooKeeperShapedResults() {
        fx.create("/exists");
        long digest = fx.tree.digest();
        ApplyResult result = fx.apply(new TxnBody.Multi(List.of(
                create("/m1", null, CreateMode.PERSISTENT),
                create("/m1", null, CreateMode.PERSISTENT),
                new TxnBody.Delete("/nonexistent", -1))));

        assertThat(result.code()).isEqualTo(Code.NODEEXISTS);
        assertThat(results(result)).containsExactly(new OpResult.ErrorResult(Code.OK),
                new OpResult.ErrorResult(Code.NODEEXISTS), new OpResult.ErrorResult(Code.RUNTIMEINCONSISTENCY));
        assertThat(result.triggers()).isEmpty();
        assertThat(fx.tree.exists("/m1")).isNull();
        assertThat(fx.tree.digest()).isEqualTo(digest);
        assertThat(fx.tree.lastAppliedZxid()).isEqualTo(fx.zxid());
    }

    @Test
    void sequentialNamesInsideAMultiFollowTheCountAsTheyWouldOutside() {
        ApplyResult result = fx.apply(new TxnBody.Multi(List.of(
                create("/s", null, CreateMode.PERSISTENT),
                create("/s/x", null, CreateMode.PERSISTENT_SEQUENTIAL),
                new TxnBody.Delete("/s/x0000000000", -1),
                create("/s/x", null, CreateMode.PERSISTENT_SEQUENTIAL))));

        List<OpResult> results = results(result);
        assertThat(((OpResult.CreateResult) results.get(1)).path()).isEqualTo("/s/x0000000000");
        assertThat(results.get(2)).isEqualTo(new OpResult.DeleteResult());
        assertThat(((OpResult.CreateResult) results.get(3)).path()).isEqualTo("/s/x0000000001");
        assertThat(fx.tree.exists("/s").cversion()).as("ZooKeeper shows 3 here").isEqualTo(3);
    }

    @Test
    void deleteInsideAMultiSeesChildrenCreatedEarlierInIt() {
        fx.create("/p");
        ApplyResult result = fx.apply(new TxnBody.Multi(List.of(
                create("/p/c", null, CreateMode.PERSISTENT),
                new TxnBody.Delete("/p", -1))));
        assertThat(result.code()).isEqualTo(Code.NOTEMPTY);
        assertThat(results(result)).containsExactly(new OpResult.ErrorResult(Code.OK),
                new OpResult.ErrorResult(Code.NOTEMPTY));
    }

    @Test
    void laterOpsAreCheckedAgainstTheAclOfNodesCreatedEarlier() {
        ApplyResult result = fx.apply(new TxnBody.Multi(List.of(
                new TxnBody.Create("/ro", null, Acl.READ_ACL_UNSAFE, CreateMode.PERSISTENT, -1),
                new TxnBody.SetData("/ro", bytes("x"), -1))));
        assertThat(result.code()).isEqualTo(Code.NOAUTH);
    }

    @Test
    void triggersComeInOpOrderOnSuccess() {
        fx.create("/a");
        ApplyResult result = fx.apply(new TxnBody.Multi(List.of(
                new TxnBody.SetData("/a", null, -1),
                create("/a/b", null, CreateMode.PERSISTENT),
                new TxnBody.Delete("/a/b", -1))));
        assertThat(result.triggers()).containsExactly(
                new WatchTrigger("/a", EventType.NODE_DATA_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE),
                new WatchTrigger("/a/b", EventType.NODE_CREATED, io.chorus.api.Acl.OPEN_ACL_UNSAFE),
                new WatchTrigger("/a", EventType.NODE_CHILDREN_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE),
                new WatchTrigger("/a/b", EventType.NODE_DELETED, io.chorus.api.Acl.OPEN_ACL_UNSAFE),
                new WatchTrigger("/a", EventType.NODE_CHILDREN_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE));
    }

    @Test
    void emptyMultiSucceedsWithNoResults() {
        ApplyResult result = fx.apply(new TxnBody.Multi(List.of()));
        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(results(result)).isEmpty();
    }

    @Test
    void opsAMultiCannotHoldAreUnimplementedAndNullsBadArguments() {
        ApplyResult setAcl = fx.apply(new TxnBody.Multi(List.of(
                create("/a", null, CreateMode.PERSISTENT),
                new TxnBody.SetAcl("/a", Acl.OPEN_ACL_UNSAFE, -1))));
        assertThat(setAcl.code()).isEqualTo(Code.UNIMPLEMENTED);
        assertThat(results(setAcl)).containsExactly(new OpResult.ErrorResult(Code.OK),
                new OpResult.ErrorResult(Code.UNIMPLEMENTED));

        ApplyResult nested = fx.apply(new TxnBody.Multi(List.of(new TxnBody.Multi(List.of()))));
        assertThat(nested.code()).isEqualTo(Code.UNIMPLEMENTED);

        ApplyResult nullOp = fx.apply(new TxnBody.Multi(Arrays.asList(create("/z", null, CreateMode.PERSISTENT), null)));
        assertThat(nullOp.code()).isEqualTo(Code.BADARGUMENTS);

        ApplyResult nullList = fx.apply(new TxnBody.Multi(null));
        assertThat(nullList.code()).isEqualTo(Code.BADARGUMENTS);
        assertThat(results(nullList)).isEmpty();
        assertThat(fx.tree.exists("/a")).isNull();
        assertThat(fx.tree.exists("/z")).isNull();
    }

    @SuppressWarnings("unchecked")
    private static List<OpResult> results(ApplyResult result) {
        return (List<OpResult>) result.response();
    }
}
