package io.chorus.client;

import static io.chorus.client.NodeOperationsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeTypesTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void sequentialNodesGetATenDigitCounterFromTheParent() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        String first = client.create(root + "/job-", new byte[0], Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_SEQUENTIAL);
        String second = client.create(root + "/job-", new byte[0], Acl.OPEN_ACL_UNSAFE,
                CreateMode.EPHEMERAL_SEQUENTIAL);

        assertThat(first).isEqualTo(root + "/job-0000000000");
        assertThat(second).isEqualTo(root + "/job-0000000001");
    }

    @Test
    void aSequentialCreateMayEndInASlash() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        String created = client.create(root + "/", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);

        assertThat(created).isEqualTo(root + "/0000000000");
    }

    @Test
    void ephemeralNodesBelongToTheSessionAndGoWhenItCloses() throws Exception {
        BlockingChorusClient owner = server.connect();
        BlockingChorusClient observer = server.connect();
        String root = server.root(owner);

        Created created = owner.create(root + "/e", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, -1);
        assertThat(created.stat().ephemeralOwner()).isEqualTo(owner.sessionId());
        assertThat(owner.getEphemerals(root)).containsExactly(root + "/e");
        assertThat(observer.getEphemerals("/")).as("only the caller's own").isEmpty();

        owner.close();

        assertThat(observer.exists(root + "/e", null)).as("closeSession is answered after the delete").isNull();
    }

    @Test
    void getEphemeralsFiltersByPrefix() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);
        client.create(root + "/a1", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        client.create(root + "/a2", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        client.create(root + "/b1", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        assertThat(client.getEphemerals(root + "/a")).containsExactlyInAnyOrder(root + "/a1", root + "/a2");
        assertThat(client.getEphemerals("/")).hasSize(3);
    }

    @Test
    void ephemeralNodesCannotHaveChildren() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/e";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        assertCode(() -> client.create(path + "/child", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Code.NOCHILDRENFOREPHEMERALS);
    }

    @Test
    void aContainerGoesOnceItsLastChildIsDeleted() throws Exception {
        BlockingChorusClient client = server.connect();
        String container = server.root(client) + "/c";
        client.create(container, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        client.create(container + "/child", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        client.delete(container + "/child", -1);

        await().atMost(EventLog.WAIT_MAX).until(() -> client.exists(container, null) == null);
    }

    @Test
    void aTtlNodeGoesOnceItsTtlPassesUnmodified() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        Created ttl = client.create(root + "/ttl", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL,
                200);
        Created sequential = client.create(root + "/ttl-", new byte[0], Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 200);

        assertThat(ttl.stat()).isNotNull();
        assertThat(sequential.path()).isEqualTo(root + "/ttl-0000000001");
        await().atMost(EventLog.WAIT_MAX).until(() -> client.exists(ttl.path(), null) == null
                && client.exists(sequential.path(), null) == null);
    }

    @Test
    void ttlsOutsideTheirRangeAreRefusedBeforeSending() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        assertThatThrownBy(() -> client.create(root + "/t", new byte[0], Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_WITH_TTL, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.create(root + "/t", new byte[0], Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_WITH_TTL, 0x100_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.create(root + "/t", new byte[0], Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.exists(root + "/t", null)).isNull();
    }
}
