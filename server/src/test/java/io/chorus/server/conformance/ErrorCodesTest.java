package io.chorus.server.conformance;

import static io.chorus.server.conformance.NodeTypesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** Each result code a data operation can fail with, for the operations that give it; and what version -1 means. */
@Timeout(60)
class ErrorCodesTest {

    @RegisterExtension
    static final ConformanceServers servers = ConformanceServers.withDefaults();

    @OnEachServer
    void operationsOnAMissingNodeFailWithNoNodeExceptExists(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        String missing = root + "/missing";

        assertFailsWith(Code.NONODE, missing, () -> zk.getData(missing, false, null));
        assertFailsWith(Code.NONODE, missing, () -> zk.setData(missing, bytes("x"), -1));
        assertFailsWith(Code.NONODE, missing, () -> zk.delete(missing, -1));
        assertFailsWith(Code.NONODE, missing, () -> zk.getChildren(missing, false));
        assertFailsWith(Code.NONODE, missing, () -> zk.getACL(missing, null));
        assertFailsWith(Code.NONODE, missing, () -> zk.setACL(missing, Ids.OPEN_ACL_UNSAFE, -1));
        assertFailsWith(Code.NONODE, missing + "/child",
                () -> zk.create(missing + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThat(zk.exists(missing, false)).isNull();
    }

    @OnEachServer
    void creatingAnExistingNodeFailsWithNodeExistsAndLeavesItAlone(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/n", bytes("first"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertFailsWith(Code.NODEEXISTS, root + "/n",
                () -> zk.create(root + "/n", bytes("second"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
        Stat stat = new Stat();
        assertThat(zk.getData(root + "/n", false, stat)).isEqualTo(bytes("first"));
        assertThat(stat.getVersion()).isZero();
        assertThat(stat.getEphemeralOwner()).isZero();
    }

    @OnEachServer
    void deletingANodeWithChildrenFailsWithNotEmpty(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/parent", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/parent/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertFailsWith(Code.NOTEMPTY, root + "/parent", () -> zk.delete(root + "/parent", -1));
        assertThat(zk.getChildren(root + "/parent", false)).containsExactly("child");
    }

    @OnEachServer
    void aStaleExpectedVersionFailsWithBadVersionAndChangesNothing(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        String node = root + "/n";
        zk.create(node, bytes("v0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.setData(node, bytes("v1"), 0);

        assertFailsWith(Code.BADVERSION, node, () -> zk.setData(node, bytes("stale"), 0));
        assertFailsWith(Code.BADVERSION, node, () -> zk.setData(node, bytes("future"), 7));
        assertFailsWith(Code.BADVERSION, node, () -> zk.delete(node, 0));
        assertFailsWith(Code.BADVERSION, node, () -> zk.setACL(node, Ids.READ_ACL_UNSAFE, 3));
        Stat stat = new Stat();
        assertThat(zk.getData(node, false, stat)).isEqualTo(bytes("v1"));
        assertThat(stat.getVersion()).isEqualTo(1);
        assertThat(stat.getAversion()).isZero();
    }

    @OnEachServer
    void versionMinusOneMatchesAnyVersion(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        String node = root + "/n";
        zk.create(node, bytes("v0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.setData(node, bytes("v1"), 0);
        zk.setData(node, bytes("v2"), 1);

        Stat afterAnyVersionWrite = zk.setData(node, bytes("v3"), -1);
        assertThat(afterAnyVersionWrite.getVersion()).isEqualTo(3);
        assertThat(zk.setACL(node, Ids.OPEN_ACL_UNSAFE, -1).getAversion()).isEqualTo(1);
        zk.delete(node, -1);
        assertThat(zk.exists(node, false)).isNull();
    }

    @OnEachServer
    void ephemeralNodesCannotHaveChildren(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/e", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        for (CreateMode mode : List.of(CreateMode.PERSISTENT, CreateMode.EPHEMERAL, CreateMode.PERSISTENT_SEQUENTIAL,
                CreateMode.EPHEMERAL_SEQUENTIAL, CreateMode.CONTAINER)) {
            assertFailsWith(Code.NOCHILDRENFOREPHEMERALS, root + "/e/child",
                    () -> zk.create(root + "/e/child", null, Ids.OPEN_ACL_UNSAFE, mode));
        }
        assertThat(zk.exists(root + "/e", false).getNumChildren()).isZero();
    }

    @OnEachServer
    void nullDataReadsBackAsNullWithLengthZero(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/null", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/empty", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        Stat stat = new Stat();
        assertThat(zk.getData(root + "/null", false, stat)).isNull();
        assertThat(stat.getDataLength()).isZero();
        assertThat(zk.getData(root + "/empty", false, stat)).isEmpty();
        assertThat(stat.getDataLength()).isZero();
    }

    /**
     * Paths the stock client refuses to send. The server refuses them with BADARGUMENTS, except that it looks the
     * parent up first: a malformed path whose parent does not exist fails with NONODE.
     */
    @OnEachServer
    void malformedPathsSentRawFailWithBadArgumentsOrNoNodeForAMissingParent(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        zk.create(root + "/exists", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Map<String, Code> expected = new LinkedHashMap<>();
        expected.put("", Code.BADARGUMENTS);
        expected.put("relative", Code.BADARGUMENTS);
        expected.put("//", Code.BADARGUMENTS);
        expected.put(root + "/exists/", Code.BADARGUMENTS);
        expected.put(root + "/.", Code.BADARGUMENTS);
        expected.put(root + "/..", Code.BADARGUMENTS);
        expected.put(root + "/nul\u0000char", Code.BADARGUMENTS);
        expected.put(root + "/control\u0001char", Code.BADARGUMENTS);
        expected.put(root + "/noncharacter\uFFFF", Code.BADARGUMENTS);
        expected.put(root + "//double", Code.NONODE);
        expected.put(root + "/./dot", Code.NONODE);
        expected.put(root + "/missing/", Code.NONODE);

        Map<String, Code> expectedByPrintablePath = new LinkedHashMap<>();
        Map<String, Code> actual = new LinkedHashMap<>();
        try (RawSession raw = servers.rawSession(kind, ConformanceServers.SESSION_TIMEOUT_MILLIS)) {
            for (Map.Entry<String, Code> entry : expected.entrySet()) {
                RawSession.Reply reply = raw.call(OpCode.create, new CreateRequest(entry.getKey(), new byte[0],
                        Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT.toFlag()));
                expectedByPrintablePath.put(printable(entry.getKey()), entry.getValue());
                actual.put(printable(entry.getKey()), Code.get(reply.err()));
            }
        }
        assertThat(actual).isEqualTo(expectedByPrintablePath);
        assertThat(zk.getChildren(root, false)).containsExactly("exists");
    }

    @OnEachServer
    void unknownCreateFlagsAndOutOfRangeTtlsSentRawFailWithBadArguments(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        try (RawSession raw = servers.rawSession(kind, ConformanceServers.SESSION_TIMEOUT_MILLIS)) {
            RawSession.Reply unknownFlag = raw.call(OpCode.create,
                    new CreateRequest(root + "/flag", new byte[0], Ids.OPEN_ACL_UNSAFE, 99));
            assertThat(Code.get(unknownFlag.err())).as("create with flag 99").isEqualTo(Code.BADARGUMENTS);
            for (long ttl : List.of(0L, -5L, 0x00FF_FFFF_FFFF_FFFFL + 1)) {
                RawSession.Reply badTtl = raw.call(OpCode.createTTL, new CreateTTLRequest(root + "/ttl", new byte[0],
                        Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL.toFlag(), ttl));
                assertThat(Code.get(badTtl.err())).as("createTTL with ttl %d", ttl).isEqualTo(Code.BADARGUMENTS);
            }
            RawSession.Reply ttlWithoutTtlMode = raw.call(OpCode.createTTL, new CreateTTLRequest(root + "/plain",
                    new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT.toFlag(), 1000));
            assertThat(Code.get(ttlWithoutTtlMode.err())).as("createTTL with a non-TTL mode")
                    .isEqualTo(Code.BADARGUMENTS);
        }
        assertThat(zk.getChildren(root, false)).isEmpty();
    }

    @OnEachServer
    void readingAMalformedPathSentRawFailsWithoutHarm(ServerKind kind) throws Exception {
        ZooKeeper zk = servers.connect(kind);
        String root = servers.createTestRoot(zk);
        try (RawSession raw = servers.rawSession(kind, ConformanceServers.SESSION_TIMEOUT_MILLIS)) {
            RawSession.Reply reply = raw.call(OpCode.getData, new GetDataRequest(root + "//x", false));
            assertThat(Code.get(reply.err())).isEqualTo(Code.NONODE);
            RawSession.Reply fine = raw.call(OpCode.getData, new GetDataRequest(root, false));
            assertThat(Code.get(fine.err())).isEqualTo(Code.OK);
        }
    }

    /**
     * The path with control and undefined characters written as {@code <U+XXXX>}, so that a failure report stays
     * readable text (surefire turns a literal backslash-u escape back into the character it names).
     */
    private static String printable(String path) {
        StringBuilder text = new StringBuilder();
        path.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || !Character.isDefined(c)) {
                text.append(String.format("<U+%04X>", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }

    static void assertFailsWith(Code code, String path, Executable operation) {
        KeeperException failure = catchThrowableOfType(KeeperException.class, operation::execute);
        assertThat(failure).as("%s on %s", code, path).isNotNull();
        assertThat(failure.code()).as("result code for %s", path).isEqualTo(code);
        assertThat(failure.getPath()).isEqualTo(path);
    }
}
