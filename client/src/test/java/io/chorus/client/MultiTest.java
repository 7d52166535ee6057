package io.chorus.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.client.testkit.LiveServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MultiTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void aTransactionAppliesEveryOpAndReportsEach() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);
        client.create(root + "/old", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(root + "/kept", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        List<OpResult> results = client.multi(List.of(
                new Op.Create(root + "/new", "n".getBytes(UTF_8), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                new Op.Create(root + "/seq-", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                new Op.Check(root + "/kept", 0),
                new Op.SetData(root + "/kept", "k".getBytes(UTF_8), 0),
                new Op.Delete(root + "/old", 0)));

        assertThat(results).hasSize(5);
        assertThat(results.get(0)).isEqualTo(new OpResult.CreateResult(root + "/new", null));
        assertThat(((OpResult.CreateResult) results.get(1)).path()).isEqualTo(root + "/seq-0000000003");
        assertThat(results.get(2)).isEqualTo(new OpResult.CheckResult());
        assertThat(((OpResult.SetDataResult) results.get(3)).stat().version()).isEqualTo(1);
        assertThat(results.get(4)).isEqualTo(new OpResult.DeleteResult());
        assertThat(client.exists(root + "/old", null)).isNull();
        assertThat(client.getData(root + "/new", null).data()).asString(UTF_8).isEqualTo("n");
    }

    @Test
    void containerAndTtlCreatesInATransactionReturnTheirStat() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        List<OpResult> results = client.multi(List.of(
                new Op.Create(root + "/c", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.CONTAINER),
                new Op.Create(root + "/c/child", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                new Op.Create(root + "/t", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 60_000)));

        assertThat(((OpResult.CreateResult) results.get(0)).stat()).isNotNull();
        assertThat(((OpResult.CreateResult) results.get(2)).stat()).isNotNull();
        assertThat(client.getChildren(root + "/c", null).names()).containsExactly("child");
    }

    @Test
    void aFailedTransactionAppliesNothingAndReportsEveryOp() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        MultiFailedException failure = catchThrowableOfType(MultiFailedException.class, () -> client.multi(List.of(
                new Op.Create(root + "/a", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                new Op.SetData(root + "/missing", new byte[0], -1),
                new Op.Create(root + "/b", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));

        assertThat(failure.code()).isEqualTo(Code.NONODE);
        assertThat(failure.path()).isEqualTo(root + "/missing");
        assertThat(failure.failedOpIndex()).isEqualTo(1);
        assertThat(failure.results()).containsExactly(
                new OpResult.ErrorResult(Code.OK),
                new OpResult.ErrorResult(Code.NONODE),
                new OpResult.ErrorResult(Code.RUNTIMEINCONSISTENCY));
        assertThat(client.exists(root + "/a", null)).isNull();
    }

    @Test
    void aFailedCheckFailsTheTransactionWithBadVersion() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);
        client.create(root + "/x", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        MultiFailedException failure = catchThrowableOfType(MultiFailedException.class, () -> client.multi(List.of(
                new Op.Check(root + "/x", 3),
                new Op.Delete(root + "/x", -1))));

        assertThat(failure.code()).isEqualTo(Code.BADVERSION);
        assertThat(failure.failedOpIndex()).isZero();
        assertThat(client.exists(root + "/x", null)).isNotNull();
    }

    @Test
    void aMultiReadReportsFailuresPerOp() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);
        client.create(root + "/d", "data".getBytes(UTF_8), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        client.create(root + "/d/kid", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        List<OpResult> results = client.multi(List.of(
                new Op.GetData(root + "/d"),
                new Op.GetChildren(root + "/d"),
                new Op.GetData(root + "/missing")));

        OpResult.GetDataResult data = (OpResult.GetDataResult) results.get(0);
        assertThat(data.data()).asString(UTF_8).isEqualTo("data");
        assertThat(data.stat().numChildren()).isEqualTo(1);
        assertThat(results.get(1)).isEqualTo(new OpResult.GetChildrenResult(List.of("kid")));
        assertThat(results.get(2)).isEqualTo(new OpResult.ErrorResult(Code.NONODE));
    }

    @Test
    void anEmptyMultiAnswersAtOnceWithNoResults() throws Exception {
        BlockingChorusClient client = server.connect();

        assertThat(client.multi(List.of())).isEmpty();
    }

    @Test
    void mixingReadsAndWritesOrBadPathsIsRefusedBeforeSending() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        assertThatThrownBy(() -> client.multi(List.of(new Op.GetData(root), new Op.Delete(root + "/x", -1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.multi(List.of(new Op.Check("no-slash", -1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.multi(List.of(
                new Op.Create(root + "/t", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL))))
                .as("a TTL create needs a TTL").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyAclInATransactionIsRefusedByTheServer() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);

        MultiFailedException failure = catchThrowableOfType(MultiFailedException.class, () -> client.multi(List.of(
                new Op.Create(root + "/noacl", new byte[0], List.of(), CreateMode.PERSISTENT))));

        assertThat(failure.code()).isEqualTo(Code.INVALIDACL);
    }
}
