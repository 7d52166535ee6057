package io.chorus.datatree;

import static io.chorus.datatree.TreeFixture.bytes;
import static io.chorus.datatree.TreeFixture.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.api.EventType;
import io.chorus.api.Id;
import io.chorus.api.Stat;
import io.chorus.datatree.node.EphemeralOwner;
import io.chorus.datatree.txn.TxnBody;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Create: ZooKeeper's checks in its order, the created stat, the parent's stat and the triggers. */
class CreateTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void createdNodeGetsZooKeeperStatFromZxidAndHeaderTime() {
        ApplyResult result = fx.apply(create("/a", bytes("hello"), CreateMode.PERSISTENT));

        Created created = (Created) result.response();
        Stat expected = new Stat(fx.zxid(), fx.zxid(), fx.timeMillis(), fx.timeMillis(), 0, 0, 0, 0, 5, 0, fx.zxid());
        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(created.path()).isEqualTo("/a");
        assertThat(created.stat()).isEqualTo(expected);
        assertThat(fx.tree.exists("/a")).isEqualTo(expected);
        assertThat(result.triggers()).containsExactly(
                new WatchTrigger("/a", EventType.NODE_CREATED, io.chorus.api.Acl.OPEN_ACL_UNSAFE), new WatchTrigger("/", EventType.NODE_CHILDREN_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE));
    }

    @Test
    void childCreationBumpsParentCversionAndPzxidButNotMzxid() {
        fx.create("/a");
        long parentZxid = fx.zxid();
        fx.create("/a/b");

        Stat parent = fx.tree.exists("/a");
        assertThat(parent.cversion()).isEqualTo(1);
        assertThat(parent.numChildren()).isEqualTo(1);
        assertThat(parent.pzxid()).isEqualTo(fx.zxid());
        assertThat(parent.mzxid()).isEqualTo(parentZxid);
    }

    @Test
    void nullDataIsKeptApartFromEmptyData() throws Exception {
        fx.apply(create("/null", null, CreateMode.PERSISTENT));
        fx.apply(create("/empty", new byte[0], CreateMode.PERSISTENT));

        assertThat(fx.tree.getData("/null").data()).isNull();
        assertThat(fx.tree.getData("/empty").data()).isEmpty();
        assertThat(fx.tree.exists("/null").dataLength()).isZero();
    }

    @Test
    void failedCreateConsumesTheZxidAndChangesNothing() {
        long digest = fx.tree.digest();
        ApplyResult result = fx.apply(create("/missing/child", null, CreateMode.PERSISTENT));

        assertThat(result.code()).isEqualTo(Code.NONODE);
        assertThat(result.response()).isNull();
        assertThat(result.triggers()).isEmpty();
        assertThat(fx.tree.lastAppliedZxid()).isEqualTo(fx.zxid());
        assertThat(fx.tree.digest()).isEqualTo(digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "//a", "/.", "/a\u0000b", "/a\u0001", "/\ud800", "/\uffff", "/\u007f"})
    void malformedPathIsBadArguments(String path) {
        assertThat(fx.apply(create(path, null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.BADARGUMENTS);
    }

    /** ZooKeeper looks the parent up before it validates the whole path (checked against a real server). */
    @ParameterizedTest
    @ValueSource(strings = {"/a/", "/a//b", "/a/..", "/a/./b"})
    void malformedPathUnderAMissingParentIsNoNode(String path) {
        assertThat(fx.apply(create(path, null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NONODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/", "/a/..", "/a/."})
    void malformedPathUnderAnExistingParentIsBadArguments(String path) {
        fx.create("/a");
        assertThat(fx.apply(create(path, null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.BADARGUMENTS);
    }

    @Test
    void nullPathOrModeIsBadArguments() {
        assertThat(fx.apply(create(null, null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.apply(new TxnBody.Create("/a", null, Acl.OPEN_ACL_UNSAFE, null, -1)).code())
                .isEqualTo(Code.BADARGUMENTS);
    }

    @Test
    void ttlModeWithoutExtendedTypesIsUnimplemented() {
        TreeFixture plain = new TreeFixture(new TreeOptions(false));
        assertThat(plain.apply(TreeFixture.createTtl("/t", 1000)).code()).isEqualTo(Code.UNIMPLEMENTED);
    }

    @Test
    void ttlOutOfRangeOrTtlOnOtherModesIsBadArguments() {
        assertThat(fx.apply(TreeFixture.createTtl("/t", 0)).code()).isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.apply(TreeFixture.createTtl("/t", EphemeralOwner.TTL_MILLIS_MAX + 1)).code())
                .isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.apply(new TxnBody.Create("/p", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0)).code())
                .isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.apply(TreeFixture.createTtl("/t", EphemeralOwner.TTL_MILLIS_MAX)).code()).isEqualTo(Code.OK);
    }

    @Test
    void disabledTtlIsReportedBeforeABadPath() {
        TreeFixture plain = new TreeFixture(new TreeOptions(false));
        assertThat(plain.apply(TreeFixture.createTtl("bad", 1000)).code()).isEqualTo(Code.UNIMPLEMENTED);
    }

    @Test
    void ephemeralFromUnknownSessionIsSessionExpiredBeforeAclAndParentChecks() {
        ApplyResult result = fx.applyAs(0x77, List.of(),
                new TxnBody.Create("/missing/e", null, List.of(), CreateMode.EPHEMERAL, -1));
        assertThat(result.code()).isEqualTo(Code.SESSIONEXPIRED);
    }

    @Test
    void persistentNodeNeedsNoSession() {
        ApplyResult result = fx.applyAs(0x77, List.of(), create("/p", null, CreateMode.PERSISTENT));
        assertThat(result.code()).isEqualTo(Code.OK);
    }

    @Test
    void invalidAclIsReportedBeforeMissingParent() {
        ApplyResult result = fx.apply(new TxnBody.Create("/missing/x", null, List.of(), CreateMode.PERSISTENT, -1));
        assertThat(result.code()).isEqualTo(Code.INVALIDACL);
    }

    @Test
    void missingParentIsNoNodeBeforeAnyPermissionCheck() {
        assertThat(fx.apply(create("/a/b", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NONODE);
    }

    @Test
    void createWithoutCreatePermissionOnParentIsNoAuthEvenIfTheNodeExists() {
        fx.create("/locked");
        fx.create("/locked/child");
        fx.apply(new TxnBody.SetAcl("/locked", List.of(new Acl(Acl.ALL & ~Acl.CREATE, Id.ANYONE)), -1));

        assertThat(fx.apply(create("/locked/child", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NOAUTH);
        assertThat(fx.apply(create("/locked/other", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NOAUTH);
    }

    @Test
    void existingNodeIsNodeExistsAndRootToo() {
        fx.create("/a");
        assertThat(fx.apply(create("/a", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NODEEXISTS);
        assertThat(fx.apply(create("/", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NODEEXISTS);
        assertThat(fx.apply(create("/zookeeper", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NODEEXISTS);
    }

    @Test
    void childOfEphemeralIsRefusedButExistingNameWinsAndMissingGrandparentIsNoNode() {
        fx.create("/e", CreateMode.EPHEMERAL);
        assertThat(fx.apply(create("/e/c", null, CreateMode.PERSISTENT)).code())
                .isEqualTo(Code.NOCHILDRENFOREPHEMERALS);
        assertThat(fx.apply(create("/e/c/d", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NONODE);
        assertThat(fx.apply(create("/e", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NODEEXISTS);
    }

    @Test
    void containersAndTtlNodesMayHaveChildrenIncludingEphemerals() {
        fx.create("/c", CreateMode.CONTAINER);
        fx.apply(TreeFixture.createTtl("/t", 60_000));
        assertThat(fx.apply(create("/c/x", null, CreateMode.EPHEMERAL)).code()).isEqualTo(Code.OK);
        assertThat(fx.apply(create("/t/x", null, CreateMode.EPHEMERAL)).code()).isEqualTo(Code.OK);
    }

    @Test
    void ephemeralOwnerIsVisibleOnlyForSessionEphemerals() {
        fx.create("/e", CreateMode.EPHEMERAL);
        fx.create("/c", CreateMode.CONTAINER);
        fx.apply(TreeFixture.createTtl("/t", 60_000));
        fx.create("/p");

        assertThat(fx.tree.exists("/e").ephemeralOwner()).isEqualTo(TreeFixture.SESSION);
        assertThat(fx.tree.exists("/c").ephemeralOwner()).isZero();
        assertThat(fx.tree.exists("/t").ephemeralOwner()).isZero();
        assertThat(fx.tree.exists("/p").ephemeralOwner()).isZero();
    }

    @Test
    void invariantsHoldAfterMixedCreates() {
        fx.create("/a");
        fx.create("/a/b", CreateMode.EPHEMERAL);
        fx.create("/c", CreateMode.CONTAINER);
        fx.apply(TreeFixture.createTtl("/t", 5));
        fx.tree.checkInvariants();
    }
}
