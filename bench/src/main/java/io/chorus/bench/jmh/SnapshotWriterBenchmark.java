package io.chorus.bench.jmh;

import io.chorus.datatree.DataTree;
import io.chorus.datatree.SnapshotView;
import io.chorus.datatree.TreeOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The snapshot writer's CPU per znode on the tree workload's shape, scaled down: 200 parents of 1,000
 * children each, named {@code n00000000 + i} with node i under parent {@code i % 200} (so siblings lie
 * scattered in the heap, as after a bulk load), each holding its own random 100 bytes. The snapshot
 * goes to a null stream, so the score is the writer alone (sorting, encoding, compressing, checksums),
 * in nanoseconds per node.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class SnapshotWriterBenchmark {
    static final int PARENTS = 200;
    static final int CHILDREN_PER_PARENT = 1_000;
    static final int NODES = PARENTS + PARENTS * CHILDREN_PER_PARENT;

    private DataTree tree;

    @Setup
    public void buildTree() {
        tree = new DataTree(TreeOptions.DEFAULTS);
        long zxid = 0;
        for (int p = 0; p < PARENTS; p++) {
            BenchTrees.applyOk(tree, ++zxid, BenchTrees.txn(0, BenchTrees.create(parent(p), new byte[0])));
        }
        for (int i = 0; i < PARENTS * CHILDREN_PER_PARENT; i++) {
            String path = String.format("%s/n%08d", parent(i % PARENTS), i);
            BenchTrees.applyOk(tree, ++zxid, BenchTrees.txn(0, BenchTrees.create(path, BenchTrees.value(i))));
        }
    }

    private static String parent(int index) {
        return String.format("/p%05d", index);
    }

    @Benchmark
    @OperationsPerInvocation(NODES)
    public void writeSnapshot() throws IOException {
        try (SnapshotView view = tree.beginSnapshot()) {
            view.writeTo(OutputStream.nullOutputStream());
        }
    }
}
