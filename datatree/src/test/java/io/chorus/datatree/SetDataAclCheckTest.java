package io.chorus.datatree;

import static io.chorus.datatree.TreeFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.EventType;
import io.chorus.api.Id;
import io.chorus.api.Stat;
import io.chorus.datatree.txn.TxnBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/** setData, setACL and check: codes in ZooKeeper's order and the stats they leave. */
class SetDataAclCheckTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void setDataBumpsVersionMzxidMtimeAndReturnsStat() throws Exception {
        fx.create("/a");
        long created = fx.zxid();
        ApplyResult result = fx.apply(new TxnBody.SetData("/a", bytes("xyz"), 0));

        Stat stat = (Stat) result.response();
        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(stat.version()).isEqualTo(1);
        assertThat(stat.mzxid()).isEqualTo(fx.zxid());
        assertThat(stat.mtime()).isEqualTo(fx.timeMillis());
        assertThat(stat.czxid()).isEqualTo(created);
        assertThat(stat.dataLength()).isEqualTo(3);
        assertThat(fx.tree.getData("/a").data()).isEqualTo(bytes("xyz"));
        assertThat(result.triggers()).containsExactly(new WatchTrigger("/a", EventType.NODE_DATA_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE));
    }

    @Test
    void setDataCodes() {
        fx.create("/a");
        assertThat(fx.apply(new TxnBody.SetData("bad", null, -1)).code()).isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.apply(new TxnBody.SetData("/nope", null, -1)).code()).isEqualTo(Code.NONODE);
        assertThat(fx.apply(new TxnBody.SetData("/a", null, 3)).code()).isEqualTo(Code.BADVERSION);
        assertThat(fx.apply(new TxnBody.SetData("/zookeeper/config", null, -1)).code()).isEqualTo(Code.NOAUTH);
        assertThat(fx.apply(new TxnBody.SetData("/zookeeper", bytes("x"), -1)).code()).isEqualTo(Code.OK);
    }

    @Test
    void writePermissionIsCheckedBeforeVersion() {
        fx.create("/a");
        fx.apply(new TxnBody.SetAcl("/a", Acl.READ_ACL_UNSAFE, -1));
        assertThat(fx.apply(new TxnBody.SetData("/a", null, 99)).code()).isEqualTo(Code.NOAUTH);
    }

    @Test
    void checkSeesTheVersionEachSetDataLeaves() {
        fx.create("/a");
        fx.apply(new TxnBody.SetData("/a", null, 0));
        assertThat(fx.apply(new TxnBody.Check("/a", 1)).code()).isEqualTo(Code.OK);
        assertThat(fx.apply(new TxnBody.Check("/a", 0)).code()).isEqualTo(Code.BADVERSION);
    }

    @Test
    void setAclChangesAclAndAversionOnly() throws Exception {
        fx.create("/a");
        Stat before = fx.tree.exists("/a");
        ApplyResult result = fx.apply(new TxnBody.SetAcl("/a", Acl.READ_ACL_UNSAFE, 0));

        Stat after = (Stat) result.response();
        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(after.aversion()).isEqualTo(1);
        assertThat(after.mzxid()).isEqualTo(before.mzxid());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(fx.tree.getAcl("/a").acl()).isEqualTo(Acl.READ_ACL_UNSAFE);
        assertThat(result.triggers()).isEmpty();
    }

    @Test
    void setAclCodesInZooKeeperOrder() {
        fx.create("/a");
        List<Acl> invalid = List.of(new Acl(Acl.ALL, new Id("world", "bob")));
        assertThat(fx.apply(new TxnBody.SetAcl("bad", Acl.OPEN_ACL_UNSAFE, -1)).code()).isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.apply(new TxnBody.SetAcl("/nope", invalid, -1)).code()).isEqualTo(Code.INVALIDACL);
        assertThat(fx.apply(new TxnBody.SetAcl("/nope", Acl.OPEN_ACL_UNSAFE, -1)).code()).isEqualTo(Code.NONODE);
        assertThat(fx.apply(new TxnBody.SetAcl("/a", Acl.OPEN_ACL_UNSAFE, 5)).code()).isEqualTo(Code.BADVERSION);
        fx.apply(new TxnBody.SetAcl("/a", Acl.READ_ACL_UNSAFE, -1));
        assertThat(fx.apply(new TxnBody.SetAcl("/a", Acl.OPEN_ACL_UNSAFE, 5)).code())
                .as("ADMIN is checked before the version").isEqualTo(Code.NOAUTH);
    }

    @Test
    void checkCodes() {
        fx.create("/a");
        assertThat(fx.apply(new TxnBody.Check("/a", 0)).code()).isEqualTo(Code.OK);
        assertThat(fx.apply(new TxnBody.Check("/a", -1)).code()).isEqualTo(Code.OK);
        assertThat(fx.apply(new TxnBody.Check("/a", 1)).code()).isEqualTo(Code.BADVERSION);
        assertThat(fx.apply(new TxnBody.Check("/nope", 0)).code()).isEqualTo(Code.NONODE);
        assertThat(fx.apply(new TxnBody.Check("bad", 0)).code()).isEqualTo(Code.BADARGUMENTS);
        fx.apply(new TxnBody.SetAcl("/a", List.of(new Acl(Acl.WRITE, Id.ANYONE)), -1));
        assertThat(fx.apply(new TxnBody.Check("/a", 0)).code()).isEqualTo(Code.NOAUTH);
    }

    @Test
    void checkChangesNothing() {
        fx.create("/a");
        long digest = fx.tree.digest();
        ApplyResult result = fx.apply(new TxnBody.Check("/a", 0));
        assertThat(result.response()).isNull();
        assertThat(result.triggers()).isEmpty();
        assertThat(fx.tree.digest()).isEqualTo(digest);
    }
}
