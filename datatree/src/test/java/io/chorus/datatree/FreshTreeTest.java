package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.ChorusException;
import io.chorus.api.Stat;
import org.junit.jupiter.api.Test;

/** A fresh tree shows what a fresh ZooKeeper 3.9.5 shows (values observed on a real server). */
class FreshTreeTest {
    private final DataTree tree = new DataTree(TreeOptions.DEFAULTS);

    @Test
    void rootHoldsOnlyTheZookeeperNode() throws ChorusException {
        assertThat(tree.getChildren("/").names()).containsExactly("zookeeper");
        assertThat(tree.getChildren("/zookeeper").names()).containsExactlyInAnyOrder("quota", "config");
        assertThat(tree.getChildren("/zookeeper/quota").names()).isEmpty();
    }

    @Test
    void systemNodesHaveZeroStatsWithCversionCountingChildren() {
        assertThat(tree.exists("/")).isEqualTo(new Stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0));
        assertThat(tree.exists("/zookeeper")).isEqualTo(new Stat(0, 0, 0, 0, 0, -2, 0, 0, 0, 2, 0));
        assertThat(tree.exists("/zookeeper/quota")).isEqualTo(new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(tree.exists("/zookeeper/config")).isEqualTo(new Stat(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0));
    }

    @Test
    void configNodeIsWorldReadableOnlyAndOthersOpen() throws ChorusException {
        assertThat(tree.getAcl("/zookeeper/config").acl()).isEqualTo(Acl.READ_ACL_UNSAFE);
        assertThat(tree.getAcl("/").acl()).isEqualTo(Acl.OPEN_ACL_UNSAFE);
        assertThat(tree.getAcl("/zookeeper").acl()).isEqualTo(Acl.OPEN_ACL_UNSAFE);
    }

    @Test
    void systemNodesHoldEmptyNotNullData() throws ChorusException {
        assertThat(tree.getData("/").data()).isEmpty();
        assertThat(tree.getData("/zookeeper/config").data()).isEmpty();
    }

    @Test
    void countsMatchZooKeeper() throws ChorusException {
        assertThat(tree.nodeCount()).isEqualTo(4);
        assertThat(tree.getAllChildrenNumber("/")).isEqualTo(3);
        assertThat(tree.getAllChildrenNumber("/zookeeper")).isEqualTo(2);
        assertThat(tree.lastAppliedZxid()).isZero();
    }

    @Test
    void freshTreesAreIdenticalAndConsistent() {
        DataTree other = new DataTree(TreeOptions.DEFAULTS);
        assertThat(other.digest()).isEqualTo(tree.digest());
        tree.checkInvariants();
    }
}
