package io.chorus.bench.jmh;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.datatree.ApplyResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the trees the benchmarks run on, the way a server would: every node created by applying a
 * create transaction with a rising zxid. Node i lives at {@code /p<i % parents>/n<i>}.
 */
final class BenchTrees {
    static final int PARENTS = 100;
    static final int VALUE_BYTES = 100;
    /** The session the benchmark's transactions claim to come from. */
    static final long SESSION_ID = 0x1000L;
    /** Transactions carry a fixed time: the tree must not depend on the clock, and neither should a benchmark. */
    static final long TIME_MILLIS = 1_700_000_000_000L;

    private BenchTrees() {
    }

    static String parent(int index) {
        return String.format("/p%03d", index);
    }

    static String node(int index) {
        return parent(index % PARENTS) + "/n" + index;
    }

    static byte[] value(long seed) {
        byte[] value = new byte[VALUE_BYTES];
        new SplittableRandom(seed).nextBytes(value);
        return value;
    }

    static Txn txn(int cxid, TxnBody body) {
        return new Txn(new TxnHeader(SESSION_ID, cxid, TIME_MILLIS, List.of()), body);
    }

    static TxnBody.Create create(String path, byte[] data) {
        return new TxnBody.Create(path, data, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1);
    }

    /** A tree holding {@code nodes} nodes under {@link #PARENTS} parents; the next free zxid is {@code nodes + PARENTS + 1}. */
    static DataTree withNodes(int nodes) {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        byte[] value = value(nodes);
        long zxid = 0;
        for (int p = 0; p < PARENTS; p++) {
            applyOk(tree, ++zxid, txn(0, create(parent(p), new byte[0])));
        }
        for (int i = 0; i < nodes; i++) {
            applyOk(tree, ++zxid, txn(0, create(node(i), value)));
        }
        return tree;
    }

    /** Applies and insists it worked: a benchmark of failing transactions would measure the wrong path. */
    static ApplyResult applyOk(DataTree tree, long zxid, Txn txn) {
        ApplyResult result = tree.apply(zxid, txn);
        if (result.code() != Code.OK) {
            throw new IllegalStateException("zxid " + zxid + " " + txn.body() + " failed: " + result.code());
        }
        return result;
    }
}
