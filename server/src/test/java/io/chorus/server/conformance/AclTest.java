package io.chorus.server.conformance;

import static io.chorus.server.conformance.ErrorCodesTest.assertFailsWith;
import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.SetACLRequest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ACL schemes (world, auth, digest, ip, super) and which permission each operation needs. */
@Timeout(60)
class AclTest {

    private static final DigestCredential ALICE = new DigestCredential("alice", "alice-password");
    private static final DigestCredential BOB = new DigestCredential("bob", "bob-password");

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    /** One operation on a node "n" that has a child "child", run by a client with no credentials. */
    @FunctionalInterface
    private interface NodeOperation {
        void run(ZooKeeper zk, String node) throws KeeperException, InterruptedException;
    }

    /** The operations in the order they are tried (writes last, setACL very last, so reads see the node intact). */
    private static Map<String, NodeOperation> operations() {
        Map<String, NodeOperation> ops = new LinkedHashMap<>();
        ops.put("exists", (zk, n) -> zk.exists(n, false));
        ops.put("getData", (zk, n) -> zk.getData(n, false, null));
        ops.put("getChildren", (zk, n) -> zk.getChildren(n, false));
        ops.put("getAllChildrenNumber", (zk, n) -> zk.getAllChildrenNumber(n));
        ops.put("getACL", (zk, n) -> zk.getACL(n, null));
        ops.put("setData", (zk, n) -> zk.setData(n, bytes("x"), -1));
        ops.put("create child", (zk, n) -> zk.create(n + "/new", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        ops.put("delete child", (zk, n) -> zk.delete(n + "/child", -1));
        ops.put("setACL", (zk, n) -> zk.setACL(n, zk.getACL(n, null), -1));
        return ops;
    }

    @OnEachServer
    void eachOperationNeedsItsOwnPermission(ServerKind kind) throws Exception {
        ZooKeeper owner = servers.connect(kind);
        ZooKeeper stranger = servers.connect(kind);
        String root = servers.createTestRoot(owner);
        Map<String, Integer> permissions = new LinkedHashMap<>();
        permissions.put("none", 0);
        permissions.put("READ", Perms.READ);
        permissions.put("WRITE", Perms.WRITE);
        permissions.put("CREATE", Perms.CREATE);
        permissions.put("DELETE", Perms.DELETE);
        permissions.put("ADMIN", Perms.ADMIN);

        Map<String, List<String>> allowed = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> permission : permissions.entrySet()) {
            String node = root + "/" + permission.getKey();
            owner.create(node, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            owner.create(node + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            owner.setACL(node, aclOf(new ACL(permission.getValue(), Ids.ANYONE_ID_UNSAFE)), -1);
            DeliveryBarrier.pass(stranger); // on an ensemble its server may not have the new ACL yet
            allowed.put(permission.getKey(), allowedOperations(stranger, node));
        }

        // exists needs READ too (ZooKeeper 3.9 checks it); getACL is allowed by READ or ADMIN.
        assertThat(allowed).containsExactly(
                Map.entry("none", List.of()),
                Map.entry("READ", List.of("exists", "getData", "getChildren", "getAllChildrenNumber", "getACL")),
                Map.entry("WRITE", List.of("setData")),
                Map.entry("CREATE", List.of("create child")),
                Map.entry("DELETE", List.of("delete child")),
                Map.entry("ADMIN", List.of("getACL", "setACL")));
    }

    /** Runs every operation and names those that succeed; each other one must fail with NOAUTH. */
    private static List<String> allowedOperations(ZooKeeper zk, String node) throws InterruptedException {
        List<String> allowed = new ArrayList<>();
        for (Map.Entry<String, NodeOperation> op : operations().entrySet()) {
            try {
                op.getValue().run(zk, node);
                allowed.add(op.getKey());
            } catch (KeeperException e) {
                assertThat(e.code()).as("%s on %s", op.getKey(), node).isEqualTo(Code.NOAUTH);
            }
        }
        return allowed;
    }

    @OnEachServer
    void theAuthSchemeExpandsToEveryDigestTheCreatorHolds(ServerKind kind) throws Exception {
        ZooKeeper creator = servers.connect(kind);
        String root = servers.createTestRoot(creator);
        creator.addAuthInfo("digest", ALICE.authBytes());
        creator.addAuthInfo("digest", BOB.authBytes());

        creator.create(root + "/n", bytes("secret"), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);

        assertThat(creator.getACL(root + "/n", null)).containsExactlyInAnyOrder(
                new ACL(Perms.ALL, ALICE.id()), new ACL(Perms.ALL, BOB.id()));
        ZooKeeper asBob = servers.connect(kind);
        asBob.addAuthInfo("digest", BOB.authBytes());
        assertThat(asBob.getData(root + "/n", false, null)).isEqualTo(bytes("secret"));
        ZooKeeper anonymous = servers.connect(kind);
        assertFailsWith(Code.NOAUTH, root + "/n", () -> anonymous.getData(root + "/n", false, null));
    }

    @OnEachServer
    void aDigestAclAdmitsOnlyThatUser(ServerKind kind) throws Exception {
        ZooKeeper owner = servers.connect(kind);
        String root = servers.createTestRoot(owner);
        owner.create(root + "/n", bytes("for alice"), aclOf(new ACL(Perms.READ, ALICE.id())), CreateMode.PERSISTENT);

        ZooKeeper alice = servers.connect(kind);
        alice.addAuthInfo("digest", ALICE.authBytes());
        ZooKeeper bob = servers.connect(kind);
        bob.addAuthInfo("digest", BOB.authBytes());
        ZooKeeper wrongPassword = servers.connect(kind);
        wrongPassword.addAuthInfo("digest", new DigestCredential("alice", "guess").authBytes());

        assertThat(alice.getData(root + "/n", false, null)).isEqualTo(bytes("for alice"));
        assertFailsWith(Code.NOAUTH, root + "/n", () -> alice.setData(root + "/n", bytes("x"), -1));
        assertFailsWith(Code.NOAUTH, root + "/n", () -> bob.getData(root + "/n", false, null));
        assertFailsWith(Code.NOAUTH, root + "/n", () -> wrongPassword.getData(root + "/n", false, null));
    }

    @OnEachServer
    void anIpAclMatchesTheClientsAddressOrNetwork(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/host", bytes("h"), aclOf(new ACL(Perms.READ, new Id("ip", "127.0.0.1"))),
                CreateMode.PERSISTENT);
        zk.create(root + "/network", bytes("n"), aclOf(new ACL(Perms.READ, new Id("ip", "127.0.0.0/8"))),
                CreateMode.PERSISTENT);
        zk.create(root + "/elsewhere", bytes("e"), aclOf(new ACL(Perms.READ, new Id("ip", "10.9.8.7"))),
                CreateMode.PERSISTENT);

        assertThat(zk.getData(root + "/host", false, null)).isEqualTo(bytes("h"));
        assertThat(zk.getData(root + "/network", false, null)).isEqualTo(bytes("n"));
        assertFailsWith(Code.NOAUTH, root + "/elsewhere", () -> zk.getData(root + "/elsewhere", false, null));
    }

    @OnEachServer
    void theSuperUserPassesEveryCheck(ServerKind kind) throws Exception {
        ZooKeeper owner = servers.connect(kind);
        String root = servers.createTestRoot(owner);
        owner.create(root + "/locked", bytes("l"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        owner.create(root + "/locked/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        owner.setACL(root + "/locked", aclOf(new ACL(Perms.ALL, BOB.id())), -1);

        ZooKeeper superUser = servers.connect(kind);
        superUser.addAuthInfo("digest", DigestCredential.SUPER.authBytes());
        String locked = root + "/locked";
        assertThat(superUser.getData(locked, false, null)).isEqualTo(bytes("l"));
        assertThat(superUser.getChildren(locked, false)).containsExactly("child");
        superUser.setData(locked, bytes("changed"), -1);
        superUser.create(locked + "/new", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        superUser.delete(locked + "/child", -1);
        assertThat(superUser.getACL(locked, null)).containsExactly(new ACL(Perms.ALL, BOB.id()));
        superUser.setACL(locked, Ids.OPEN_ACL_UNSAFE, -1);

        assertThat(owner.getChildren(locked, false)).containsExactly("new");
    }

    @OnEachServer
    void theAuthSchemeWithoutCredentialsIsAnInvalidAcl(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);

        assertFailsWith(Code.INVALIDACL, root + "/n",
                () -> zk.create(root + "/n", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
        zk.create(root + "/open", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertFailsWith(Code.INVALIDACL, root + "/open", () -> zk.setACL(root + "/open", Ids.CREATOR_ALL_ACL, -1));
        assertThat(zk.getChildren(root, false)).containsExactly("open");
    }

    @OnEachServer
    void malformedAclsAreInvalid(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/open", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Map<String, Id> invalid = new LinkedHashMap<>();
        invalid.put("unknown scheme", new Id("nosuchscheme", "x"));
        invalid.put("ip that is not an address", new Id("ip", "not-an-address"));
        invalid.put("ip with a bad prefix", new Id("ip", "127.0.0.1/99"));
        invalid.put("digest without a hash", new Id("digest", "alice"));
        invalid.put("world other than anyone", new Id("world", "someone"));

        Map<String, Code> createCodes = new LinkedHashMap<>();
        Map<String, Code> setAclCodes = new LinkedHashMap<>();
        for (Map.Entry<String, Id> entry : invalid.entrySet()) {
            List<ACL> acl = aclOf(new ACL(Perms.ALL, entry.getValue()));
            createCodes.put(entry.getKey(), codeOf(() -> zk.create(root + "/n", null, acl, CreateMode.PERSISTENT)));
            setAclCodes.put(entry.getKey(), codeOf(() -> zk.setACL(root + "/open", acl, -1)));
        }

        assertThat(createCodes).allSatisfy((what, code) -> assertThat(code).as(what).isEqualTo(Code.INVALIDACL));
        assertThat(setAclCodes).allSatisfy((what, code) -> assertThat(code).as(what).isEqualTo(Code.INVALIDACL));
        assertThat(zk.getChildren(root, false)).containsExactly("open");
        assertThat(zk.getACL(root + "/open", null)).isEqualTo(Ids.OPEN_ACL_UNSAFE);
    }

    /** The stock client refuses an empty ACL itself; sent raw, the server must refuse it too. */
    @OnEachServer
    void anEmptyAclSentRawIsInvalid(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/open", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        try (RawSession raw = servers.rawSession(kind, ConformanceServers.SESSION_TIMEOUT_MILLIS)) {
            RawSession.Reply create = raw.call(OpCode.create,
                    new CreateRequest(root + "/n", new byte[0], List.of(), CreateMode.PERSISTENT.toFlag()));
            RawSession.Reply setAcl = raw.call(OpCode.setACL, new SetACLRequest(root + "/open", List.of(), -1));
            assertThat(Code.get(create.err())).isEqualTo(Code.INVALIDACL);
            assertThat(Code.get(setAcl.err())).isEqualTo(Code.INVALIDACL);
        }
        assertThat(zk.getChildren(root, false)).containsExactly("open");
    }

    /** A mutable-list ACL: the stock client's validation calls contains(null), which List.of refuses. */
    private static List<ACL> aclOf(ACL... entries) {
        return Arrays.asList(entries);
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws KeeperException, InterruptedException;
    }

    private static Code codeOf(Attempt attempt) throws InterruptedException {
        try {
            attempt.run();
            return Code.OK;
        } catch (KeeperException e) {
            return e.code();
        }
    }
}
