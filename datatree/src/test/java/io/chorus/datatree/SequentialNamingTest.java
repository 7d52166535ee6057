package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.datatree.txn.TxnBody;
import org.junit.jupiter.api.Test;

/** Sequential names: the prefix plus the parent's creation count, 10 digits, as ZooKeeper (observed on 3.9.5). */
class SequentialNamingTest {
    private final TreeFixture fx = new TreeFixture();

    @Test
    void suffixIsTheParentsCreationCountBeforeThisCreate() {
        fx.create("/q");
        assertThat(fx.create("/q/job-", CreateMode.PERSISTENT_SEQUENTIAL)).isEqualTo("/q/job-0000000000");
        assertThat(fx.create("/q/job-", CreateMode.EPHEMERAL_SEQUENTIAL)).isEqualTo("/q/job-0000000001");
        fx.create("/q/plain");
        assertThat(fx.create("/q/other-", CreateMode.PERSISTENT_SEQUENTIAL)).isEqualTo("/q/other-0000000003");
    }

    @Test
    void deletionsDoNotReuseNumbers() {
        fx.create("/q");
        String first = fx.create("/q/n", CreateMode.PERSISTENT_SEQUENTIAL);
        fx.apply(new TxnBody.Delete(first, -1));
        assertThat(fx.create("/q/n", CreateMode.PERSISTENT_SEQUENTIAL)).isEqualTo("/q/n0000000001");
    }

    @Test
    void trailingSlashIsAValidPrefixAndNamesTheChildByNumberAlone() {
        fx.create("/a");
        fx.create("/a/b");
        assertThat(fx.create("/a/", CreateMode.PERSISTENT_SEQUENTIAL)).isEqualTo("/a/0000000001");
    }

    @Test
    void rootAsPrefixCreatesANumberedChildOfTheRoot() {
        fx.create("/a");
        assertThat(fx.create("/", CreateMode.PERSISTENT_SEQUENTIAL)).isEqualTo("/0000000001");
    }

    @Test
    void prefixMustBeValidOnceADigitIsAppended() {
        fx.create("/a");
        // "/a//" names the parent "/a/", which does not exist: ZooKeeper answers NONODE before validating.
        assertThat(fx.apply(TreeFixture.create("/a//", null, CreateMode.PERSISTENT_SEQUENTIAL)).code())
                .isEqualTo(Code.NONODE);
        assertThat(fx.apply(TreeFixture.create("/a/", null, CreateMode.PERSISTENT)).code())
                .as("the same prefix without the sequential flag").isEqualTo(Code.BADARGUMENTS);
    }

    @Test
    void sequentialTtlNodesAreNumberedToo() {
        fx.create("/t");
        TxnBody.Create create = new TxnBody.Create("/t/", null, io.chorus.api.Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 100);
        assertThat(fx.apply(create).code()).isEqualTo(Code.OK);
        assertThat(fx.tree.exists("/t/0000000000")).isNotNull();
    }
}
