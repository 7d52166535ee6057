package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Id;
import io.chorus.datatree.acl.DigestAuth;
import io.chorus.datatree.txn.TxnBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ACL schemes end to end: world, auth (expanded to the creator's digest), digest, ip and super. */
class AclEnforcementTest {
    private static final Id ALICE = DigestAuth.digestId("alice:secret");
    private static final Id BOB = DigestAuth.digestId("bob:secret");
    private static final Id SUPER = new Id("super", "");

    private final TreeFixture fx = new TreeFixture();

    @Test
    void authAclExpandsToTheCreatorsDigestIdsOnly() throws ChorusException {
        ApplyResult result = fx.applyAs(TreeFixture.SESSION, List.of(TreeFixture.CLIENT_IP, ALICE, SUPER),
                new TxnBody.Create("/mine", null, Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT, -1));

        assertThat(result.code()).isEqualTo(Code.OK);
        assertThat(fx.tree.getAcl("/mine").acl()).containsExactly(new Acl(Acl.ALL, ALICE));
        fx.tree.checkAccess("/mine", Acl.WRITE, List.of(ALICE));
        assertThatThrownBy(() -> fx.tree.checkAccess("/mine", Acl.READ, List.of(BOB, TreeFixture.CLIENT_IP)))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.code()).isEqualTo(Code.NOAUTH));
    }

    @Test
    void authAclWithoutAnAuthenticatedIdIsInvalid() {
        ApplyResult result = fx.applyAs(TreeFixture.SESSION, List.of(TreeFixture.CLIENT_IP, SUPER),
                new TxnBody.Create("/mine", null, Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT, -1));
        assertThat(result.code()).isEqualTo(Code.INVALIDACL);
    }

    @Test
    void digestAclGrantsOnlyTheMatchingUser() {
        fx.apply(new TxnBody.Create("/d", null, List.of(new Acl(Acl.ALL, ALICE)), CreateMode.PERSISTENT, -1));
        assertThat(fx.applyAs(TreeFixture.SESSION, List.of(BOB), new TxnBody.SetData("/d", null, -1)).code())
                .isEqualTo(Code.NOAUTH);
        assertThat(fx.applyAs(TreeFixture.SESSION, List.of(ALICE), new TxnBody.SetData("/d", null, -1)).code())
                .isEqualTo(Code.OK);
    }

    @Test
    void ipAclMatchesClientAddressesByPrefix() throws ChorusException {
        fx.apply(new TxnBody.Create("/net", null, List.of(new Acl(Acl.ALL, new Id("ip", "10.0.0.0/8"))),
                CreateMode.PERSISTENT, -1));

        fx.tree.checkAccess("/net", Acl.READ, List.of(new Id("ip", "10.200.3.4")));
        assertThatThrownBy(() -> fx.tree.checkAccess("/net", Acl.READ, List.of(new Id("ip", "11.0.0.1"))))
                .isInstanceOf(ChorusException.class);
        assertThat(fx.applyAs(TreeFixture.SESSION, List.of(new Id("ip", "127.0.0.1")),
                TreeFixture.create("/net/x", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.NOAUTH);
        assertThat(fx.applyAs(TreeFixture.SESSION, List.of(new Id("ip", "10.9.9.9")),
                TreeFixture.create("/net/x", null, CreateMode.PERSISTENT)).code()).isEqualTo(Code.OK);
    }

    @Test
    void superIdBypassesEveryCheck() throws ChorusException {
        fx.apply(new TxnBody.Create("/closed", null, List.of(new Acl(0, Id.ANYONE)), CreateMode.PERSISTENT, -1));
        fx.tree.checkAccess("/closed", Acl.ADMIN, List.of(SUPER));
        assertThat(fx.applyAs(TreeFixture.SESSION, List.of(SUPER), new TxnBody.SetData("/closed", null, -1)).code())
                .isEqualTo(Code.OK);
        assertThat(fx.applyAs(TreeFixture.SESSION, List.of(SUPER), new TxnBody.SetData("/zookeeper/config", null, -1))
                .code()).isEqualTo(Code.OK);
    }

    @Test
    void checkAccessOnMissingNodeIsNoNode() {
        assertThatThrownBy(() -> fx.tree.checkAccess("/missing", Acl.READ, List.of(SUPER)))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.code()).isEqualTo(Code.NONODE));
    }

    @Test
    void duplicateAclEntriesAreStoredOnce() throws ChorusException {
        fx.apply(new TxnBody.Create("/dup", null, List.of(new Acl(Acl.ALL, Id.ANYONE), new Acl(Acl.ALL, Id.ANYONE)),
                CreateMode.PERSISTENT, -1));
        assertThat(fx.tree.getAcl("/dup").acl()).containsExactly(new Acl(Acl.ALL, Id.ANYONE));
    }
}
