package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.datatree.txn.TxnBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session table and ephemerals: created by a live session, deleted when it closes. */
class SessionTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void createSessionAddsItToTheTable() {
        fx.applyAs(0x55, List.of(), new TxnBody.CreateSession(4000, new byte[] {9}));
        assertThat(fx.tree.session(0x55)).isEqualTo(new SessionInfo(0x55, 4000, new byte[] {9}));
        assertThat(fx.tree.sessions()).extracting(SessionInfo::sessionId).containsExactly(0x55L, TreeFixture.SESSION);
    }

    @Test
    void malformedCreateSessionIsBadArguments() {
        assertThat(fx.applyAs(0, List.of(), new TxnBody.CreateSession(4000, new byte[0])).code())
                .isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.applyAs(0x56, List.of(), new TxnBody.CreateSession(0, new byte[0])).code())
                .isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.applyAs(0x57, List.of(), new TxnBody.CreateSession(10, null)).code())
                .isEqualTo(Code.BADARGUMENTS);
        assertThat(fx.tree.session(0x56)).isNull();
    }

    @Test
    void closeSessionDeletesItsEphemeralsInPathOrderAndTriggersEach() {
        fx.create("/a");
        fx.create("/z", CreateMode.EPHEMERAL);
        fx.create("/a/e", CreateMode.EPHEMERAL);
        fx.openSession(TreeFixture.OTHER_SESSION);
        fx.applyAs(TreeFixture.OTHER_SESSION, List.of(), TreeFixture.create("/other", null, CreateMode.EPHEMERAL));

        ApplyResult result = fx.apply(new TxnBody.CloseSession());

        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(result.triggers()).containsExactly(
                new WatchTrigger("/a/e", EventType.NODE_DELETED, io.chorus.api.Acl.OPEN_ACL_UNSAFE), new WatchTrigger("/a", EventType.NODE_CHILDREN_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE),
                new WatchTrigger("/z", EventType.NODE_DELETED, io.chorus.api.Acl.OPEN_ACL_UNSAFE), new WatchTrigger("/", EventType.NODE_CHILDREN_CHANGED, io.chorus.api.Acl.OPEN_ACL_UNSAFE));
        assertThat(fx.tree.exists("/z")).isNull();
        assertThat(fx.tree.exists("/a/e")).isNull();
        assertThat(fx.tree.exists("/other")).isNotNull();
        assertThat(fx.tree.session(TreeFixture.SESSION)).isNull();
        assertThat(fx.tree.exists("/a").pzxid()).isEqualTo(fx.zxid());
        fx.tree.checkInvariants();
    }

    @Test
    void closedSessionCannotCreateEphemerals() {
        fx.apply(new TxnBody.CloseSession());
        assertThat(fx.apply(TreeFixture.create("/e", null, CreateMode.EPHEMERAL)).code()).isEqualTo(Code.SESSIONEXPIRED);
        assertThat(fx.apply(TreeFixture.create("/p", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.OK);
    }

    @Test
    void closingAnUnknownSessionIsHarmless() {
        long digest = fx.tree.digest();
        assertThat(fx.applyAs(0x999, List.of(), new TxnBody.CloseSession()).code()).isEqualTo(Code.OK);
        assertThat(fx.tree.digest()).isEqualTo(digest);
    }

    @Test
    void getEphemeralsFiltersByPlainStringPrefix() {
        fx.create("/app");
        fx.create("/app/e1", CreateMode.EPHEMERAL);
        fx.create("/apple", CreateMode.EPHEMERAL);
        fx.create("/b", CreateMode.EPHEMERAL);

        assertThat(fx.tree.getEphemerals(TreeFixture.SESSION, "/")).containsExactly("/app/e1", "/apple", "/b");
        assertThat(fx.tree.getEphemerals(TreeFixture.SESSION, null)).hasSize(3);
        assertThat(fx.tree.getEphemerals(TreeFixture.SESSION, "  ")).hasSize(3);
        assertThat(fx.tree.getEphemerals(TreeFixture.SESSION, "/app")).containsExactly("/app/e1", "/apple");
        assertThat(fx.tree.getEphemerals(TreeFixture.SESSION, "/x")).isEmpty();
        assertThat(fx.tree.getEphemerals(0x12345, "/")).isEmpty();
        assertThat(fx.tree.getEphemerals(0x12345, "/app")).as("a session with no ephemerals, filtered").isEmpty();
    }

    @Test
    void deletingAnEphemeralRemovesItFromTheSessionsList() {
        fx.create("/e", CreateMode.EPHEMERAL);
        fx.apply(new TxnBody.Delete("/e", -1));
        assertThat(fx.tree.getEphemerals(TreeFixture.SESSION, "/")).isEmpty();
        fx.tree.checkInvariants();
    }
}
