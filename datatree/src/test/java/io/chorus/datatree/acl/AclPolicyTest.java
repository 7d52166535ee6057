package io.chorus.datatree.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.Id;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AclPolicyTest {
    private static final Id DIGEST = new Id("digest", "u:hash");
    private static final List<Id> NO_IDS = List.of();

    @ParameterizedTest
    @ValueSource(strings = {"world:bob", "super:", "sasl:someone", "digest:bob", "digest:bob:", "digest:a:b:c",
        "digest:", "ip:10.0.0.0/33", "ip:10.0.0", "ip:256.0.0.1", "ip:host.example", "ip:1::2::3", "ip:12345::",
        "ip:1:2:3:4:5:6:7:8:9", "ip:::/129", "ip:10.0.0.1/x", "ip:nodots"})
    void rejectsIdsZooKeeperRejects(String schemeAndId) {
        String[] parts = schemeAndId.split(":", 2);
        List<Acl> acl = List.of(new Acl(Acl.ALL, new Id(parts[0], parts[1])));
        assertInvalid(acl, List.of(DIGEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"world:anyone", "digest::bob", "digest:u:h", "ip:10.0.0.0/8", "ip:1.2.3.4", "ip:::1",
        "ip:fe80::/10", "ip:1:2:3:4:5:6:7:8", "ip:0.0.0.0/0"})
    void acceptsValidIds(String schemeAndId) throws ChorusException {
        String[] parts = schemeAndId.split(":", 2);
        List<Acl> acl = List.of(new Acl(Acl.READ, new Id(parts[0], parts[1])));
        assertThat(AclPolicy.fixup("/p", acl, NO_IDS)).isEqualTo(acl);
    }

    @Test
    void emptyNullOrNullEntryIsInvalid() {
        assertInvalid(List.of(), NO_IDS);
        assertInvalid(null, NO_IDS);
        assertInvalid(Arrays.asList(new Acl(Acl.ALL, Id.ANYONE), null), NO_IDS);
    }

    @Test
    void authExpandsToEachAuthenticatedIdKeepingOrderAndDuplicatesAfterExpansion() throws ChorusException {
        Id other = new Id("digest", "v:hash");
        List<Id> authIds = List.of(new Id("ip", "1.2.3.4"), DIGEST, new Id("super", ""), other);
        List<Acl> fixed = AclPolicy.fixup("/p", List.of(new Acl(Acl.ALL, Id.AUTH), new Acl(Acl.READ, DIGEST)), authIds);
        assertThat(fixed).containsExactly(new Acl(Acl.ALL, DIGEST), new Acl(Acl.ALL, other), new Acl(Acl.READ, DIGEST));
    }

    @Test
    void authWithOnlyIpAndSuperIdsIsInvalid() {
        assertInvalid(Acl.CREATOR_ALL_ACL, List.of(new Id("ip", "1.2.3.4"), new Id("super", "")));
    }

    @Test
    void duplicatesAreDroppedBeforeExpansion() throws ChorusException {
        Acl open = new Acl(Acl.ALL, Id.ANYONE);
        assertThat(AclPolicy.fixup("/p", List.of(open, open), NO_IDS)).containsExactly(open);
    }

    @Test
    void worldAnyoneGrantsOnlyItsPermissionBits() {
        List<Acl> readOnly = Acl.READ_ACL_UNSAFE;
        assertThat(AclPolicy.grants(readOnly, Acl.READ, NO_IDS)).isTrue();
        assertThat(AclPolicy.grants(readOnly, Acl.WRITE, NO_IDS)).isFalse();
        assertThat(AclPolicy.grants(readOnly, Acl.READ | Acl.ADMIN, NO_IDS)).as("any bit of perm").isTrue();
    }

    @Test
    void ipEntriesMatchByPrefixAndFamily() {
        List<Acl> net = List.of(new Acl(Acl.ALL, new Id("ip", "10.0.0.0/8")));
        assertThat(AclPolicy.grants(net, Acl.READ, List.of(new Id("ip", "10.255.0.1")))).isTrue();
        assertThat(AclPolicy.grants(net, Acl.READ, List.of(new Id("ip", "11.0.0.1")))).isFalse();
        assertThat(AclPolicy.grants(net, Acl.READ, List.of(new Id("ip", "::1")))).isFalse();
        assertThat(AclPolicy.grants(net, Acl.READ, List.of(new Id("digest", "10.1.1.1")))).as("scheme must match")
                .isFalse();

        List<Acl> v6 = List.of(new Acl(Acl.ALL, new Id("ip", "fe80::/10")));
        assertThat(AclPolicy.grants(v6, Acl.READ, List.of(new Id("ip", "fe80::1:2")))).isTrue();
        assertThat(AclPolicy.grants(v6, Acl.READ, List.of(new Id("ip", "fec0::1")))).isFalse();

        List<Acl> host = List.of(new Acl(Acl.ALL, new Id("ip", "1.2.3.4")));
        assertThat(AclPolicy.grants(host, Acl.READ, List.of(new Id("ip", "1.2.3.4")))).isTrue();
        assertThat(AclPolicy.grants(host, Acl.READ, List.of(new Id("ip", "1.2.3.5")))).isFalse();

        List<Acl> oddPrefix = List.of(new Acl(Acl.ALL, new Id("ip", "192.168.0.0/20")));
        assertThat(AclPolicy.grants(oddPrefix, Acl.READ, List.of(new Id("ip", "192.168.15.200")))).isTrue();
        assertThat(AclPolicy.grants(oddPrefix, Acl.READ, List.of(new Id("ip", "192.168.16.1")))).isFalse();
    }

    @Test
    void digestEntriesMatchExactly() {
        List<Acl> acl = List.of(new Acl(Acl.ALL, DIGEST));
        assertThat(AclPolicy.grants(acl, Acl.READ, List.of(DIGEST))).isTrue();
        assertThat(AclPolicy.grants(acl, Acl.READ, List.of(new Id("digest", "u:other")))).isFalse();
    }

    @Test
    void superGrantsEverythingAndEmptyAclGrantsEveryone() {
        List<Acl> nothing = List.of(new Acl(0, Id.ANYONE));
        assertThat(AclPolicy.grants(nothing, Acl.READ, List.of(new Id("super", "")))).isTrue();
        assertThat(AclPolicy.grants(nothing, Acl.READ, NO_IDS)).isFalse();
        assertThat(AclPolicy.grants(List.of(), Acl.ADMIN, NO_IDS)).isTrue();
    }

    private static void assertInvalid(List<Acl> acl, List<Id> authIds) {
        assertThatThrownBy(() -> AclPolicy.fixup("/p", acl, authIds))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALIDACL));
    }
}
