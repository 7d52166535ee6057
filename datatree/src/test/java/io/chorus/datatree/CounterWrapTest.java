package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.api.Stat;
import io.chorus.datatree.node.StoredStat;
import io.chorus.datatree.txn.TxnBody;
import org.junit.jupiter.api.Test;

/** Counters at the edge of int behave as ZooKeeper 3.9's: plain two's-complement increments. */
class CounterWrapTest {
    @Test
    void versionWrapsFromMaxToMin() throws Exception {
        TreeFixture fx = new TreeFixture(CraftedTrees.withRootChild("v",
                new StoredStat(1, 1, 1, 0, 0, 0, Integer.MAX_VALUE, 0, 0)));
        ApplyResult result = fx.apply(new TxnBody.SetData("/v", null, Integer.MAX_VALUE));
        assertThat(((Stat) result.response()).version()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void sequentialNameUsesTheRawNegativeCounterOnceItWraps() throws Exception {
        TreeFixture fx = new TreeFixture(CraftedTrees.withRootChild("q",
                new StoredStat(1, 1, 1, 0, 0, 0, 0, Integer.MAX_VALUE, 0)));
        fx.openSession(TreeFixture.SESSION);
        String first = ((Created) fx.apply(TreeFixture.create("/q/n-", null, CreateMode.PERSISTENT_SEQUENTIAL))
                .response()).path();
        ApplyResult second = fx.apply(TreeFixture.create("/q/n-", null, CreateMode.PERSISTENT_SEQUENTIAL));

        assertThat(first).isEqualTo("/q/n-2147483647");
        assertThat(second.code()).isEqualTo(Code.OK);
        assertThat(((Created) second.response()).path()).isEqualTo("/q/n--2147483648");
    }
}
