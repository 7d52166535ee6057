package io.chorus.bench.jmh;

import io.chorus.api.ChorusException;
import io.chorus.api.NodeData;
import io.chorus.datatree.ApplyResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The data tree's apply path on a tree of 10k or 100k nodes: setData of an existing node, create of a
 * new one, and getData. One thread, as in a node, where one thread applies everything in zxid order.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Thread)
public class DataTreeBenchmark {
    /** Visits every node once per cycle in a scattered order, without the cost of a random generator. */
    private static final int STRIDE = 7_919;

    @Param({"10000", "100000"})
    public int treeNodes;

    private DataTree tree;
    private long nextZxid;
    private Txn[] setDataTxns;
    private String[] paths;
    private int cursor;

    private byte[] createValue;
    private String createParent;
    private int created;
    private int iteration;

    @Setup(Level.Trial)
    public void buildTree() {
        tree = BenchTrees.withNodes(treeNodes);
        nextZxid = treeNodes + BenchTrees.PARENTS + 1;
        byte[] newValue = BenchTrees.value(-1);
        paths = new String[treeNodes];
        setDataTxns = new Txn[treeNodes];
        for (int i = 0; i < treeNodes; i++) {
            paths[i] = BenchTrees.node(i);
            setDataTxns[i] = BenchTrees.txn(i, new TxnBody.SetData(paths[i], newValue, -1));
        }
        createValue = BenchTrees.value(-2);
    }

    /** Each iteration creates under a parent of its own, removed afterwards so the tree keeps its size. */
    @Setup(Level.Iteration)
    public void newCreateParent() {
        createParent = "/creates-" + iteration++;
        created = 0;
        BenchTrees.applyOk(tree, nextZxid++, BenchTrees.txn(0, BenchTrees.create(createParent, new byte[0])));
    }

    @TearDown(Level.Iteration)
    public void removeCreated() {
        for (int i = 0; i < created; i++) {
            BenchTrees.applyOk(tree, nextZxid++, BenchTrees.txn(0, new TxnBody.Delete(createParent + "/c" + i, -1)));
        }
        BenchTrees.applyOk(tree, nextZxid++, BenchTrees.txn(0, new TxnBody.Delete(createParent, -1)));
    }

    private int nextIndex() {
        cursor = (cursor + STRIDE) % treeNodes;
        return cursor;
    }

    @Benchmark
    public ApplyResult setData() {
        return tree.apply(nextZxid++, setDataTxns[nextIndex()]);
    }

    @Benchmark
    public ApplyResult create() {
        String path = createParent + "/c" + created++;
        return tree.apply(nextZxid++, BenchTrees.txn(created, BenchTrees.create(path, createValue)));
    }

    @Benchmark
    public NodeData getData() throws ChorusException {
        return tree.getData(paths[nextIndex()]);
    }
}
