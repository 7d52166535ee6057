package io.chorus.server.conformance;

import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** multi: all-or-nothing writes with one result per op, multi-reads, and the transaction() builder. */
@Timeout(60)
class MultiTest {

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void aSuccessfulMultiAppliesEveryOpAndReturnsAResultForEach(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/doomed", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        List<OpResult> results = zk.multi(List.of(
                Op.create(root + "/a", bytes("a0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(root + "/a/seq-", bytes("s"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.setData(root + "/a", bytes("a1"), 0),
                Op.check(root + "/a", 1),
                Op.delete(root + "/doomed", 0)));

        assertThat(results).hasSize(5);
        OpResult.CreateResult createA = (OpResult.CreateResult) results.get(0);
        OpResult.CreateResult createSeq = (OpResult.CreateResult) results.get(1);
        OpResult.SetDataResult setData = (OpResult.SetDataResult) results.get(2);
        assertThat(createA.getPath()).isEqualTo(root + "/a");
        assertThat(createSeq.getPath()).isEqualTo(root + "/a/seq-0000000000");
        assertThat(results.get(3)).isInstanceOf(OpResult.CheckResult.class);
        assertThat(results.get(4)).isInstanceOf(OpResult.DeleteResult.class);
        // One multi is one transaction: every op's change carries the same zxid.
        Stat stat = setData.getStat();
        assertThat(stat.getVersion()).isEqualTo(1);
        assertThat(stat.getDataLength()).isEqualTo(2);
        assertThat(stat.getNumChildren()).isEqualTo(1);
        assertThat(stat.getCversion()).isEqualTo(1);
        assertThat(stat.getMzxid()).isEqualTo(stat.getCzxid()).isEqualTo(stat.getPzxid());
        assertThat(zk.exists(root + "/a", false)).isEqualTo(stat);
        assertThat(zk.getData(root + "/a", false, null)).isEqualTo(bytes("a1"));
        assertThat(zk.getChildren(root, false)).containsExactly("a");
    }

    @OnEachServer
    void create2AndContainerResultsCarryTheNewNodesStatButPlainCreateResultsDoNot(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);

        List<OpResult> results = zk.multi(List.of(
                Op.create(root + "/plain", bytes("p"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(root + "/a", bytes("abc"), CreateOptions.newBuilder(Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT).build()),
                Op.create(root + "/e", null, CreateOptions.newBuilder(Ids.OPEN_ACL_UNSAFE,
                        CreateMode.EPHEMERAL).build()),
                Op.create(root + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER)));

        // A result with a stat goes on the wire as create2, whatever kind of create asked for it.
        assertThat(results).extracting(OpResult::getType).containsExactly(
                OpCode.create, OpCode.create2, OpCode.create2, OpCode.create2);
        assertThat(((OpResult.CreateResult) results.get(0)).getStat()).isNull();
        Stat a = ((OpResult.CreateResult) results.get(1)).getStat();
        Stat e = ((OpResult.CreateResult) results.get(2)).getStat();
        Stat c = ((OpResult.CreateResult) results.get(3)).getStat();
        assertThat(a).isEqualTo(zk.exists(root + "/a", false));
        assertThat(a.getDataLength()).isEqualTo(3);
        assertThat(e).isEqualTo(zk.exists(root + "/e", false));
        assertThat(e.getEphemeralOwner()).isEqualTo(zk.getSessionId());
        assertThat(c).isEqualTo(zk.exists(root + "/c", false));
        // One multi is one transaction: one zxid for all its ops.
        assertThat(e.getCzxid()).isEqualTo(a.getCzxid()).isEqualTo(c.getCzxid());
    }

    @OnEachServer
    void aFailingOpAbortsTheMultiAndEveryOpReportsItsOwnCode(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/existing", bytes("v0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat before = zk.exists(root, false);

        KeeperException failure = catchThrowableOfType(KeeperException.class, () -> zk.multi(List.of(
                Op.create(root + "/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData(root + "/existing", bytes("v1"), -1),
                Op.setData(root + "/existing", bytes("v2"), 5),
                Op.create(root + "/y", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.delete(root + "/missing", -1))));

        assertThat(failure).isNotNull();
        assertThat(failure.code()).isEqualTo(Code.BADVERSION);
        assertThat(resultCodes(failure.getResults())).containsExactly(
                Code.OK, Code.OK, Code.BADVERSION, Code.RUNTIMEINCONSISTENCY, Code.RUNTIMEINCONSISTENCY);
        assertThat(zk.getChildren(root, false)).containsExactly("existing");
        assertThat(zk.getData(root + "/existing", false, null)).isEqualTo(bytes("v0"));
        assertThat(zk.exists(root, false)).isEqualTo(before);
    }

    @OnEachServer
    void theFirstFailingOpDecidesTheMultisCode(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/parent", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/parent/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        KeeperException failure = catchThrowableOfType(KeeperException.class, () -> zk.multi(List.of(
                Op.check(root + "/parent", 0),
                Op.delete(root + "/parent", -1),
                Op.create(root + "/parent", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));

        assertThat(failure.code()).isEqualTo(Code.NOTEMPTY);
        assertThat(resultCodes(failure.getResults())).containsExactly(
                Code.OK, Code.NOTEMPTY, Code.RUNTIMEINCONSISTENCY);
    }

    @OnEachServer
    void opsOfAMultiSeeTheEffectsOfEarlierOps(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);

        zk.multi(List.of(
                Op.create(root + "/n", bytes("1"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(root + "/n/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.delete(root + "/n/child", 0),
                Op.setData(root + "/n", bytes("2"), 0),
                Op.check(root + "/n", 1),
                Op.delete(root + "/n", 1),
                Op.create(root + "/n", bytes("3"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)));

        Stat stat = new Stat();
        assertThat(zk.getData(root + "/n", false, stat)).isEqualTo(bytes("3"));
        assertThat(stat.getVersion()).isZero();
        assertThat(stat.getCversion()).isZero();
        assertThat(zk.exists(root, false).getCversion()).isEqualTo(3);
    }

    @OnEachServer
    void aCheckOnAMissingNodeFailsWithNoNode(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);

        KeeperException failure = catchThrowableOfType(KeeperException.class, () -> zk.multi(List.of(
                Op.create(root + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.check(root + "/missing", -1))));

        assertThat(failure.code()).isEqualTo(Code.NONODE);
        assertThat(resultCodes(failure.getResults())).containsExactly(Code.OK, Code.NONODE);
        assertThat(zk.getChildren(root, false)).isEmpty();
    }

    @OnEachServer
    void anEmptyMultiSucceedsWithNoResults(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        assertThat(zk.multi(List.of())).isEmpty();
    }

    @OnEachServer
    void aMultiReadReturnsEachReadsResultAndAnErrorResultForAMissingNode(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat created = new Stat();
        zk.create(root + "/n", bytes("data"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
        zk.create(root + "/n/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/n/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        List<OpResult> results = zk.multi(List.of(
                Op.getData(root + "/n"),
                Op.getChildren(root + "/n"),
                Op.getData(root + "/missing"),
                Op.getChildren(root + "/missing"),
                Op.getData(root + "/n/a")));

        assertThat(results).hasSize(5);
        OpResult.GetDataResult data = (OpResult.GetDataResult) results.get(0);
        assertThat(data.getData()).isEqualTo(bytes("data"));
        assertThat(data.getStat()).isEqualTo(zk.exists(root + "/n", false));
        assertThat(((OpResult.GetChildrenResult) results.get(1)).getChildren()).containsExactlyInAnyOrder("a", "b");
        assertThat(((OpResult.ErrorResult) results.get(2)).getErr()).isEqualTo(Code.NONODE.intValue());
        assertThat(((OpResult.ErrorResult) results.get(3)).getErr()).isEqualTo(Code.NONODE.intValue());
        assertThat(((OpResult.GetDataResult) results.get(4)).getData()).isNull();
    }

    @OnEachServer
    void theTransactionBuilderCommitsAsOneMulti(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);

        List<OpResult> results = zk.transaction()
                .create(root + "/t", bytes("0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)
                .setData(root + "/t", bytes("1"), 0)
                .check(root + "/t", 1)
                .create(root + "/t/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL)
                .commit();

        assertThat(results).extracting(OpResult::getType).containsExactly(
                OpCode.create, OpCode.setData, OpCode.check, OpCode.create);
        assertThat(zk.getData(root + "/t", false, null)).isEqualTo(bytes("1"));
        assertThat(zk.getEphemerals(root)).containsExactly(root + "/t/child");

        KeeperException failure = catchThrowableOfType(KeeperException.class, () -> zk.transaction()
                .delete(root + "/t/child", -1)
                .delete(root + "/t", 0)
                .commit());
        assertThat(failure.code()).isEqualTo(Code.BADVERSION);
        assertThat(zk.getChildren(root + "/t", false)).containsExactly("child");
    }

    static List<Code> resultCodes(List<OpResult> results) {
        return results.stream().map(r -> Code.get(((OpResult.ErrorResult) r).getErr())).toList();
    }
}
