package io.chorus.bench.jmh;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.client.wire.MultiRequestRecord;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.WireOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
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

/** The wire encoding of multi requests: check + create + setData + delete ops, 1 to 100 of them. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MultiRequestRecordBenchmark {
    @Param({"1", "10", "100"})
    public int ops;

    private MultiRequestRecord record;
    private byte[] encoded;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

    @Setup
    public void prepare() throws IOException {
        byte[] value = BenchTrees.value(3);
        List<WireOp> wireOps = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            String path = BenchTrees.node(i);
            wireOps.add(switch (i % 4) {
                case 0 -> new WireOp(OpCode.CHECK, new Op.Check(path, i));
                case 1 -> new WireOp(OpCode.CREATE, new Op.Create(path, value, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
                case 2 -> new WireOp(OpCode.SET_DATA, new Op.SetData(path, value, -1));
                default -> new WireOp(OpCode.DELETE, new Op.Delete(path, -1));
            });
        }
        record = new MultiRequestRecord(wireOps);
        encoded = encode().clone();
        if (decode().ops().size() != ops) {
            throw new IllegalStateException("multi of " + ops + " ops does not round-trip");
        }
    }

    @Benchmark
    public byte[] encode() throws IOException {
        buffer.reset();
        record.serialize(BinaryOutputArchive.getArchive(buffer), "request");
        return buffer.toByteArray();
    }

    @Benchmark
    public MultiRequestRecord decode() throws IOException {
        MultiRequestRecord decoded = new MultiRequestRecord();
        decoded.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(encoded)), "request");
        return decoded;
    }
}
