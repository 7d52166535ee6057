package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnCodec;
import io.chorus.datatree.txn.TxnHeader;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/** Properties over random transaction histories: invariants, determinism, snapshot + replay. */
class TreePropertiesTest {
    @Provide
    Arbitrary<List<RandomTxns.Step>> histories() {
        return RandomTxns.histories(80);
    }

    @Property(tries = 300)
    void invariantsHoldAfterEveryTransactionAndFailuresChangeNoNode(@ForAll("histories") List<RandomTxns.Step> steps) {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        long zxid = 0;
        for (Txn txn : RandomTxns.toTxns(steps)) {
            long before = tree.digest();
            ApplyResult result = tree.apply(++zxid, txn);
            Statistics.label("result codes").collect(result.code());
            tree.checkInvariants();
            if (result.code() != Code.OK) {
                assertThat(tree.digest()).as("failed %s", txn.body()).isEqualTo(before);
                assertThat(result.triggers()).isEmpty();
            }
            assertThat(tree.lastAppliedZxid()).isEqualTo(zxid);
        }
    }

    @Property(tries = 200)
    void replicasFedTheSameLogAgreeOnResultsDigestAndSnapshotBytes(@ForAll("histories") List<RandomTxns.Step> steps)
            throws IOException {
        DataTree one = new DataTree(TreeOptions.DEFAULTS);
        DataTree two = new DataTree(TreeOptions.DEFAULTS);
        long zxid = 0;
        for (Txn txn : RandomTxns.toTxns(steps)) {
            zxid++;
            ApplyResult first = one.apply(zxid, txn);
            ApplyResult second = two.apply(zxid, TxnCodec.decode(TxnCodec.encode(txn)));
            assertThat(second).isEqualTo(first);
            assertThat(two.digest()).isEqualTo(one.digest());
        }
        assertThat(Snapshots.bytesOf(two)).isEqualTo(Snapshots.bytesOf(one));
    }

    @Property(tries = 200)
    void snapshotTakenMidwayPlusReplayEqualsTheLiveTree(@ForAll("histories") List<RandomTxns.Step> steps,
            @ForAll @IntRange(min = 0, max = 80) int cut) throws IOException {
        List<Txn> txns = RandomTxns.toTxns(steps);
        int snapshotAt = Math.min(cut, txns.size());
        DataTree live = new DataTree(TreeOptions.DEFAULTS);
        SnapshotView view = null;
        for (int i = 0; i < txns.size(); i++) {
            if (i == snapshotAt) {
                view = live.beginSnapshot();
            }
            live.apply(i + 1, txns.get(i));
        }
        if (view == null) {
            view = live.beginSnapshot();
        }
        // written after the live tree moved on: copy-on-write must have kept the view intact
        byte[] bytes;
        try (SnapshotView written = view) {
            bytes = Snapshots.bytesOf(written);
        }
        DataTree restored = Snapshots.load(bytes);
        assertThat(restored.lastAppliedZxid()).isEqualTo(snapshotAt);
        for (int i = snapshotAt; i < txns.size(); i++) {
            restored.apply(i + 1, txns.get(i));
        }
        assertThat(restored.digest()).isEqualTo(live.digest());
        assertThat(restored.sessions()).containsExactlyElementsOf(live.sessions());
        assertThat(Snapshots.bytesOf(restored)).isEqualTo(Snapshots.bytesOf(live));
        restored.checkInvariants();
        live.checkInvariants();
    }

    @Property(tries = 100)
    void housekeepingProposalsApplyCleanlyWhenDue(@ForAll("histories") List<RandomTxns.Step> steps) {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        long zxid = 0;
        long now = 0;
        for (Txn txn : RandomTxns.toTxns(steps)) {
            tree.apply(++zxid, txn);
            now = txn.header().timeMillis();
        }
        long later = now + 10_000;
        // deleting a container can empty its parent container, which is then due in the next round
        int roundsMax = tree.nodeCount();
        List<TxnBody> due = tree.housekeeping(later);
        for (int round = 0; !due.isEmpty(); round++) {
            assertThat(round).as("housekeeping converges").isLessThan(roundsMax);
            for (TxnBody body : due) {
                ApplyResult result = tree.apply(++zxid, new Txn(new TxnHeader(0, 0, later, List.of()), body));
                assertThat(result.code()).as("%s", body).isEqualTo(Code.OK);
            }
            due = tree.housekeeping(later);
        }
        tree.checkInvariants();
    }
}
