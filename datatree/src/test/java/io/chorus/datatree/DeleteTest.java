package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.EventType;
import io.chorus.api.Id;
import io.chorus.api.Stat;
import io.chorus.datatree.txn.TxnBody;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delete: ZooKeeper's checks in order, the parent's stat afterwards and the triggers. */
class DeleteTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void deleteRemovesNodeAndUpdatesParentPzxidAndVisibleCversion() {
        fx.create("/a");
        fx.create("/a/b");
        ApplyResult result = fx.apply(new TxnBody.Delete("/a/b", -1));

        Stat parent = fx.tree.exists("/a");
        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(result.response()).isNull();
        assertThat(fx.tree.exists("/a/b")).isNull();
        assertThat(parent.numChildren()).isZero();
        assertThat(parent.cversion()).as("one create and one delete").isEqualTo(2);
        assertThat(parent.pzxid()).isEqualTo(fx.zxid());
        assertThat(result.triggers()).containsExactly(
                new WatchTrigger("/a/b", EventType.NODE_DELETED, io.chorus.api.Acl.OPEN_ACL_UNSAFE), new WatchTrigger("/a", EventType.NODE_CHILDREN_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE));
        fx.tree.checkInvariants();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config", "bad", "/a/"})
    void systemNodesAndMalformedPathsAreBadArguments(String path) {
        assertThat(fx.apply(new TxnBody.Delete(path, -1)).code()).isEqualTo(Code.BADARGUMENTS);
    }

    @Test
    void missingNodeOrParentIsNoNode() {
        assertThat(fx.apply(new TxnBody.Delete("/nope", -1)).code()).isEqualTo(Code.NONODE);
        assertThat(fx.apply(new TxnBody.Delete("/nope/child", -1)).code()).isEqualTo(Code.NONODE);
    }

    @Test
    void deletePermissionOnParentIsCheckedBeforeTheNodeExists() {
        fx.create("/p");
        fx.create("/p/c");
        fx.apply(new TxnBody.SetAcl("/p", List.of(new Acl(Acl.ALL & ~Acl.DELETE, Id.ANYONE)), -1));

        assertThat(fx.apply(new TxnBody.Delete("/p/missing", -1)).code()).isEqualTo(Code.NOAUTH);
        assertThat(fx.apply(new TxnBody.Delete("/p/c", -1)).code()).isEqualTo(Code.NOAUTH);
    }

    @Test
    void versionIsCheckedBeforeEmptiness() {
        fx.create("/a");
        fx.create("/a/b");
        assertThat(fx.apply(new TxnBody.Delete("/a", 7)).code()).isEqualTo(Code.BADVERSION);
        assertThat(fx.apply(new TxnBody.Delete("/a", 0)).code()).isEqualTo(Code.NOTEMPTY);
        assertThat(fx.apply(new TxnBody.Delete("/a", -1)).code()).isEqualTo(Code.NOTEMPTY);
    }

    @Test
    void matchingVersionDeletes() {
        fx.create("/a");
        fx.apply(new TxnBody.SetData("/a", null, -1));
        assertThat(fx.apply(new TxnBody.Delete("/a", 0)).code()).isEqualTo(Code.BADVERSION);
        assertThat(fx.apply(new TxnBody.Delete("/a", 1)).code()).isEqualTo(Code.OK);
    }

    @Test
    void deletedNameCanBeCreatedAgainWithFreshStat() {
        fx.create("/a");
        fx.apply(new TxnBody.Delete("/a", -1));
        fx.create("/a");
        assertThat(fx.tree.exists("/a").czxid()).isEqualTo(fx.zxid());
        fx.tree.checkInvariants();
    }
}
