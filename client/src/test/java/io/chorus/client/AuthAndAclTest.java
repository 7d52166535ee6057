package io.chorus.client;

import static io.chorus.client.NodeOperationsTest.assertCode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.AclAndStat;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Id;
import io.chorus.api.KeeperState;
import io.chorus.api.Stat;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthAndAclTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void onlyTheAuthenticatedCreatorMayUseACreatorAllNode() throws Exception {
        BlockingChorusClient alice = server.connect();
        BlockingChorusClient stranger = server.connect();
        String path = server.root(alice) + "/secure";
        alice.addAuthInfo("digest", "alice:secret".getBytes(UTF_8));

        alice.create(path, "s".getBytes(UTF_8), Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT);

        assertThat(alice.getData(path, null).data()).asString(UTF_8).isEqualTo("s");
        assertThat(alice.getAcl(path).acl())
                .containsExactly(new Acl(Acl.ALL, new Id("digest", digestId("alice", "secret"))));
        assertCode(() -> stranger.getData(path, null), Code.NOAUTH);
        assertCode(() -> stranger.setData(path, new byte[0], -1), Code.NOAUTH);
        stranger.addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
        assertThat(stranger.getData(path, null).data()).asString(UTF_8).isEqualTo("s");
    }

    @Test
    void anExplicitDigestAclAdmitsThatUserOnly() throws Exception {
        BlockingChorusClient owner = server.connect();
        BlockingChorusClient bob = server.connect();
        BlockingChorusClient eve = server.connect();
        String path = server.root(owner) + "/bobs";
        owner.create(path, new byte[0], List.of(new Acl(Acl.READ, new Id("digest", digestId("bob", "pw")))),
                CreateMode.PERSISTENT);
        bob.addAuthInfo("digest", "bob:pw".getBytes(UTF_8));
        eve.addAuthInfo("digest", "bob:wrong".getBytes(UTF_8));

        assertThat(bob.getData(path, null)).isNotNull();
        assertCode(() -> bob.setData(path, new byte[0], -1), Code.NOAUTH);
        assertCode(() -> eve.getData(path, null), Code.NOAUTH);
    }

    @Test
    void whoAmIListsTheAuthenticatedIdentities() throws Exception {
        BlockingChorusClient client = server.connect();

        client.addAuthInfo("digest", "carol:pw".getBytes(UTF_8));

        assertThat(client.whoAmI()).contains(new Id("digest", "carol"));
    }

    @Test
    void creatorAllWithoutCredentialsIsAnInvalidAcl() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/nobody";

        assertCode(() -> client.create(path, new byte[0], Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT), Code.INVALIDACL);
        assertThat(client.exists(path, null)).isNull();
    }

    @Test
    void anUnknownSchemeOrAnEmptyAclIsInvalid() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        assertCode(() -> client.create(root + "/x", new byte[0], List.of(new Acl(Acl.ALL, new Id("nosuch", "who"))),
                CreateMode.PERSISTENT), Code.INVALIDACL);
        assertCode(() -> client.create(root + "/y", new byte[0], List.of(), CreateMode.PERSISTENT), Code.INVALIDACL);
        assertCode(() -> client.setAcl(root, List.of(), -1), Code.INVALIDACL);
    }

    @Test
    void setAclChecksTheAclVersionAndBumpsIt() throws Exception {
        BlockingChorusClient client = server.connect();
        String path = server.root(client) + "/acl";
        client.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertCode(() -> client.setAcl(path, Acl.READ_ACL_UNSAFE, 1), Code.BADVERSION);
        Stat stat = client.setAcl(path, Acl.READ_ACL_UNSAFE, 0);

        assertThat(stat.aversion()).isEqualTo(1);
        AclAndStat acl = client.getAcl(path);
        assertThat(acl.acl()).containsExactly(new Acl(Acl.READ, Id.ANYONE));
        assertThat(acl.stat()).isEqualTo(stat);
        assertCode(() -> client.setData(path, new byte[0], -1), Code.NOAUTH);
        assertCode(() -> client.setAcl(path, Acl.OPEN_ACL_UNSAFE, -1), Code.NOAUTH);
    }

    @Test
    void refusedCredentialsLeaveTheClientUnusable() throws Exception {
        EventLog states = new EventLog();
        BlockingChorusClient client = server.connect(states);

        assertCode(() -> client.addAuthInfo("nosuchscheme", new byte[] {1}), Code.AUTHFAILED);

        states.awaitState(KeeperState.AUTH_FAILED);
        assertCode(() -> client.exists("/", null), Code.AUTHFAILED);
    }

    /** ZooKeeper's digest scheme: user ":" base64(sha1(user ":" password)). */
    static String digestId(String user, String password) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((user + ":" + password).getBytes(UTF_8));
        return user + ":" + Base64.getEncoder().encodeToString(sha1);
    }
}
