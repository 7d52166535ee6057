package io.chorus.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.ChorusException;
import io.chorus.api.Children;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.api.NodeData;
import io.chorus.api.Stat;
import io.chorus.client.testkit.LiveServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeOperationsTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void createReturnsThePathAndAStatOfAFreshNode() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        Created created = client.create(root + "/a", "hello".getBytes(UTF_8), Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT, -1);

        assertThat(created.path()).isEqualTo(root + "/a");
        Stat stat = created.stat();
        assertThat(stat.version()).isZero();
        assertThat(stat.cversion()).isZero();
        assertThat(stat.aversion()).isZero();
        assertThat(stat.czxid()).isPositive().isEqualTo(stat.mzxid()).isEqualTo(stat.pzxid());
        assertThat(stat.ctime()).isPositive().isEqualTo(stat.mtime());
        assertThat(stat.dataLength()).isEqualTo(5);
        assertThat(stat.numChildren()).isZero();
        assertThat(stat.ephemeralOwner()).isZero();
    }

    @Test
    void getDataReturnsWhatWasWrittenAndSetDataBumpsTheVersion() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/n";
        client.create(path, "one".getBytes(UTF_8), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        Stat afterSet = client.setData(path, "two!".getBytes(UTF_8), 0);
        NodeData read = client.getData(path, null);

        assertThat(read.data()).asString(UTF_8).isEqualTo("two!");
        assertThat(read.stat()).isEqualTo(afterSet);
        assertThat(afterSet.version()).isEqualTo(1);
        assertThat(afterSet.dataLength()).isEqualTo(4);
        assertThat(afterSet.mzxid()).isGreaterThan(afterSet.czxid());
        assertThat(client.setData(path, new byte[0], -1).version()).as("-1 matches any version").isEqualTo(2);
    }

    @Test
    void existsReturnsTheStatOrNullForAMissingNode() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);
        Stat created = client.create(root + "/here", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1)
                .stat();

        assertThat(client.exists(root + "/here", null)).isEqualTo(created);
        assertThat(client.exists(root + "/missing", null)).isNull();
    }

    @Test
    void getChildrenListsNamesWithTheParentStat() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);
        client.create(root + "/p", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(root + "/p/x", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(root + "/p/y", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(root + "/p/y/z", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        Children children = client.getChildren(root + "/p", null);

        assertThat(children.names()).containsExactlyInAnyOrder("x", "y");
        assertThat(children.stat().numChildren()).isEqualTo(2);
        assertThat(children.stat().cversion()).isEqualTo(2);
        assertThat(client.getAllChildrenNumber(root + "/p")).as("descendants, not only children").isEqualTo(3);
    }

    @Test
    void deleteRemovesTheNodeAndChecksTheVersion() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/d";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertThatThrownBy(() -> client.delete(path, 7)).isInstanceOf(ChorusException.class)
                .extracting(e -> ((ChorusException) e).code()).isEqualTo(Code.BADVERSION);
        client.delete(path, 0);

        assertThat(client.exists(path, null)).isNull();
    }

    @Test
    void syncCompletes() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        client.sync(root);

        assertThat(client.exists(root, null)).isNotNull();
    }

    @Test
    void missingNodesAnswerNoNode() throws Exception {
        BlockingChorusClient client = server.connect();
        String missing = server.root(client) + "/missing";

        assertCode(() -> client.getData(missing, null), Code.NONODE);
        assertCode(() -> client.setData(missing, new byte[0], -1), Code.NONODE);
        assertCode(() -> client.delete(missing, -1), Code.NONODE);
        assertCode(() -> client.getChildren(missing, null), Code.NONODE);
        assertCode(() -> client.getAcl(missing), Code.NONODE);
        assertCode(() -> client.create(missing + "/child", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Code.NONODE);
    }

    @Test
    void creatingAnExistingNodeAnswersNodeExists() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/twice";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertCode(() -> client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Code.NODEEXISTS);
    }

    @Test
    void setDataWithAStaleVersionAnswersBadVersion() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/v";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.setData(path, new byte[1], 0);

        assertCode(() -> client.setData(path, new byte[2], 0), Code.BADVERSION);
        assertThat(client.getData(path, null).data()).hasSize(1);
    }

    @Test
    void deletingANodeWithChildrenAnswersNotEmpty() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/parent";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(path + "/child", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertCode(() -> client.delete(path, -1), Code.NOTEMPTY);
        assertThat(client.exists(path, null)).isNotNull();
    }

    @Test
    void badPathsAreRefusedBeforeSending() throws Exception {
        BlockingChorusClient client = server.connect();

        assertThatThrownBy(() -> client.getData("relative", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.exists("/a/", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.create("/a//b", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.delete("/a/..", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.exists("/", null)).as("the connection is unaffected").isNotNull();
    }

    @Test
    void nullDataIsStoredAsNoData() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/null";

        Created created = client.create(path, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1);

        assertThat(created.stat().dataLength()).isZero();
        assertThat(client.getData(path, null).stat().dataLength()).isZero();
    }

    interface Action {
        void run() throws Exception;
    }

    static void assertCode(Action action, Code code) {
        assertThatThrownBy(action::run).isInstanceOf(ChorusException.class)
                .satisfies(e -> assertThat(((ChorusException) e).code()).isEqualTo(code));
    }
}
