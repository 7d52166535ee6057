package io.chorus.bench.jmh;

import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The log's transaction codec: what every write pays on the way into the log and back out in recovery. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TxnCodecBenchmark {
    /** Operations in the multi transaction. */
    static final int MULTI_OPS = 10;

    /** create: a 100-byte persistent node; setData: 100 bytes; multi: ten creates and setDatas. */
    @Param({"create", "setData", "multi"})
    public String kind;

    private Txn txn;
    private byte[] encoded;

    @Setup
    public void prepare() throws IOException {
        byte[] value = BenchTrees.value(1);
        TxnBody body = switch (kind) {
            case "create" -> BenchTrees.create(BenchTrees.node(12_345), value);
            case "setData" -> new TxnBody.SetData(BenchTrees.node(12_345), value, 7);
            case "multi" -> multi(value);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
        txn = BenchTrees.txn(42, body);
        encoded = TxnCodec.encode(txn);
        // Records holding byte[] compare by reference, so the round trip is checked on the bytes.
        if (!Arrays.equals(TxnCodec.encode(TxnCodec.decode(encoded)), encoded)) {
            throw new IllegalStateException("codec does not round-trip " + kind);
        }
    }

    private static TxnBody multi(byte[] value) {
        List<TxnBody> ops = new ArrayList<>();
        for (int i = 0; i < MULTI_OPS; i++) {
            ops.add(i % 2 == 0 ? BenchTrees.create(BenchTrees.node(i), value)
                    : new TxnBody.SetData(BenchTrees.node(i), value, -1));
        }
        return new TxnBody.Multi(ops);
    }

    @Benchmark
    public byte[] encode() throws IOException {
        return TxnCodec.encode(txn);
    }

    @Benchmark
    public Txn decode() throws IOException {
        return TxnCodec.decode(encoded);
    }
}
