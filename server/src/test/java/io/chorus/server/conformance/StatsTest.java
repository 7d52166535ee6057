package io.chorus.server.conformance;

import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each write does to the Stat of the node and of its parent. Zxids and times differ between servers, so
 * they are checked by their relations (equal, increasing); counters and lengths exactly.
 */
@Timeout(60)
class StatsTest {

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void aNewNodeHasZeroCountersAndOneZxidEverywhere(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat created = new Stat();
        zk.create(root + "/n", bytes("12345"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);

        assertThat(created.getVersion()).isZero();
        assertThat(created.getCversion()).isZero();
        assertThat(created.getAversion()).isZero();
        assertThat(created.getDataLength()).isEqualTo(5);
        assertThat(created.getNumChildren()).isZero();
        assertThat(created.getEphemeralOwner()).isZero();
        assertThat(created.getMzxid()).isEqualTo(created.getCzxid());
        assertThat(created.getPzxid()).isEqualTo(created.getCzxid());
        assertThat(created.getMtime()).isEqualTo(created.getCtime());
        assertThat(created.getCzxid()).isPositive();
        // Every read of the node reports the same Stat the create returned.
        assertThat(zk.exists(root + "/n", false)).isEqualTo(created);
        Stat read = new Stat();
        zk.getData(root + "/n", false, read);
        assertThat(read).isEqualTo(created);
        zk.getChildren(root + "/n", false, read);
        assertThat(read).isEqualTo(created);
        zk.getACL(root + "/n", read);
        assertThat(read).isEqualTo(created);
    }

    @OnEachServer
    void setDataBumpsVersionAndMzxidOnly(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat created = new Stat();
        zk.create(root + "/n", bytes("a"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);

        Stat first = zk.setData(root + "/n", bytes("abc"), 0);
        Stat second = zk.setData(root + "/n", new byte[0], -1);

        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(first.getDataLength()).isEqualTo(3);
        assertThat(first.getMzxid()).isGreaterThan(created.getMzxid());
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getDataLength()).isZero();
        assertThat(second.getMzxid()).isGreaterThan(first.getMzxid());
        assertThat(second.getMtime()).isGreaterThanOrEqualTo(created.getMtime());
        for (Stat after : List.of(first, second)) {
            assertThat(after.getCzxid()).isEqualTo(created.getCzxid());
            assertThat(after.getCtime()).isEqualTo(created.getCtime());
            assertThat(after.getPzxid()).isEqualTo(created.getPzxid());
            assertThat(after.getCversion()).isZero();
            assertThat(after.getAversion()).isZero();
        }
        assertThat(zk.exists(root + "/n", false)).isEqualTo(second);
    }

    @OnEachServer
    void childCreatesAndDeletesMoveTheParentsCversionNumChildrenAndPzxidOnly(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat before = new Stat();
        zk.create(root + "/p", bytes("data"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, before);

        Stat child = new Stat();
        zk.create(root + "/p/c1", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, child);
        zk.create(root + "/p/c2", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        Stat afterCreates = zk.exists(root + "/p", false);
        assertThat(afterCreates.getCversion()).isEqualTo(2);
        assertThat(afterCreates.getNumChildren()).isEqualTo(2);
        assertThat(afterCreates.getPzxid()).isGreaterThan(child.getCzxid());
        assertUnchangedExceptChildren(afterCreates, before);

        Stat grandchild = new Stat();
        zk.create(root + "/p/c1/g", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, grandchild);
        assertThat(zk.exists(root + "/p", false)).as("a grandchild is not the parent's child").isEqualTo(afterCreates);
        zk.setData(root + "/p/c1", bytes("x"), -1);
        assertThat(zk.exists(root + "/p", false)).as("a child's data is not the parent's").isEqualTo(afterCreates);

        zk.delete(root + "/p/c2", -1);
        Stat afterDelete = zk.exists(root + "/p", false);
        assertThat(afterDelete.getCversion()).isEqualTo(3);
        assertThat(afterDelete.getNumChildren()).isEqualTo(1);
        assertThat(afterDelete.getPzxid()).isGreaterThan(grandchild.getCzxid());
        assertUnchangedExceptChildren(afterDelete, before);
    }

    @OnEachServer
    void setAclBumpsAversionAndNothingElse(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat created = new Stat();
        zk.create(root + "/n", bytes("d"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);

        Stat afterAcl = zk.setACL(root + "/n", Ids.READ_ACL_UNSAFE, 0);

        assertThat(afterAcl.getAversion()).isEqualTo(1);
        assertThat(afterAcl.getVersion()).isZero();
        assertThat(afterAcl.getMzxid()).as("setACL is not a data change").isEqualTo(created.getMzxid());
        assertThat(afterAcl.getMtime()).isEqualTo(created.getMtime());
        assertThat(afterAcl.getPzxid()).isEqualTo(created.getPzxid());
        Stat read = new Stat();
        assertThat(zk.getACL(root + "/n", read)).isEqualTo(Ids.READ_ACL_UNSAFE);
        assertThat(read).isEqualTo(afterAcl);
    }

    @OnEachServer
    void zxidsOfSuccessiveWritesIncreaseAndFailedWritesLeaveNoTrace(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        Stat a = new Stat();
        zk.create(root + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, a);
        Stat b = new Stat();
        zk.create(root + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, b);
        Stat rootBefore = zk.exists(root, false);
        try {
            zk.create(root + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException expected) {
            // the failure itself is ErrorCodesTest's business; here only its absence of effect matters
        }
        Stat aAgain = zk.setData(root + "/a", bytes("x"), -1);

        assertThat(b.getCzxid()).isGreaterThan(a.getCzxid());
        assertThat(aAgain.getMzxid()).isGreaterThan(b.getCzxid());
        assertThat(zk.exists(root, false)).isEqualTo(rootBefore);
    }

    @OnEachServer
    void ephemeralOwnerIsTheCreatingSession(ServerKind kind) throws Exception {
        ZooKeeper owner = servers.connect(kind);
        ZooKeeper other = servers.connect(kind);
        String root = servers.createTestRoot(owner);
        Stat created = new Stat();
        owner.create(root + "/e", bytes("e"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, created);

        assertThat(created.getEphemeralOwner()).isEqualTo(owner.getSessionId()).isNotEqualTo(other.getSessionId());
        assertThat(other.exists(root + "/e", false)).isEqualTo(created);
    }

    private static void assertUnchangedExceptChildren(Stat after, Stat before) {
        assertThat(after.getCzxid()).isEqualTo(before.getCzxid());
        assertThat(after.getMzxid()).isEqualTo(before.getMzxid());
        assertThat(after.getCtime()).isEqualTo(before.getCtime());
        assertThat(after.getMtime()).isEqualTo(before.getMtime());
        assertThat(after.getVersion()).isEqualTo(before.getVersion());
        assertThat(after.getAversion()).isEqualTo(before.getAversion());
        assertThat(after.getDataLength()).isEqualTo(before.getDataLength());
        assertThat(after.getEphemeralOwner()).isEqualTo(before.getEphemeralOwner());
    }
}
