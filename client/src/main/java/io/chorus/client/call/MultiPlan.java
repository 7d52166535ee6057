package io.chorus.client.call;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.client.MultiFailedException;
import io.chorus.client.wire.MultiResponseRecord;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.WireOp;
import io.chorus.client.wire.WireResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.jute.InputArchive;

/**
 * A checked multi: every op valid, all reads (sent as multiRead) or all writes (sent as multi), each op with the
 * wire type ZooKeeper's client gives it (create, createContainer or createTTL; create carries no stat back).
 */
final class MultiPlan {
    private final List<Op> ops;
    private final boolean reads;

    private MultiPlan(List<Op> ops, boolean reads) {
        this.ops = ops;
        this.reads = reads;
    }

    /** Checks the ops; IllegalArgumentException for an invalid op or a mix of reads and writes. */
    static MultiPlan of(List<Op> ops) {
        Objects.requireNonNull(ops, "ops");
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a multi needs at least one op");
        }
        List<Op> copy = List.copyOf(ops);
        boolean reads = copy.get(0).isRead();
        for (Op op : copy) {
            validate(op);
            if (op.isRead() != reads) {
                throw new IllegalArgumentException("a multi must be all reads or all writes; got " + ops);
            }
        }
        return new MultiPlan(copy, reads);
    }

    int opCode() {
        return reads ? OpCode.MULTI_READ : OpCode.MULTI;
    }

    List<WireOp> wireOps() {
        List<WireOp> wire = new ArrayList<>(ops.size());
        for (Op op : ops) {
            wire.add(new WireOp(wireType(op), op));
        }
        return wire;
    }

    /**
     * The results, one per op. A failed transaction throws MultiFailedException with the first failing op's
     * code; a multi-read returns its failures in place, as ZooKeeper's client does.
     */
    List<OpResult> results(InputArchive in) throws IOException, ChorusException {
        MultiResponseRecord reply = new MultiResponseRecord();
        reply.deserialize(in, "response");
        if (reply.results().size() != ops.size()) {
            throw new IOException("multi reply has " + reply.results().size() + " results for " + ops.size() + " ops");
        }
        List<OpResult> results = new ArrayList<>(ops.size());
        for (WireResult r : reply.results()) {
            results.add(r.result());
        }
        if (!reads) {
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof OpResult.ErrorResult e && e.code() != Code.OK) {
                    throw new MultiFailedException(e.code(), ops.get(i).path(), i, results);
                }
            }
        }
        return results;
    }

    private static void validate(Op op) {
        Objects.requireNonNull(op, "op");
        if (op instanceof Op.Create c) {
            Objects.requireNonNull(c.mode(), "mode");
            PathValidator.validateForCreate(c.path(), c.mode());
            TtlRule.validate(c.mode(), c.ttlMillis());
            Objects.requireNonNull(c.acl(), "acl");
        } else {
            PathValidator.validate(op.path());
        }
    }

    private static int wireType(Op op) {
        if (op instanceof Op.Create c) {
            CreateMode mode = c.mode();
            if (mode.isTtl()) {
                return OpCode.CREATE_TTL;
            }
            return mode.isContainer() ? OpCode.CREATE_CONTAINER : OpCode.CREATE;
        } else if (op instanceof Op.Delete) {
            return OpCode.DELETE;
        } else if (op instanceof Op.SetData) {
            return OpCode.SET_DATA;
        } else if (op instanceof Op.Check) {
            return OpCode.CHECK;
        } else if (op instanceof Op.GetData) {
            return OpCode.GET_DATA;
        } else if (op instanceof Op.GetChildren) {
            return OpCode.GET_CHILDREN;
        }
        throw new IllegalArgumentException("unknown op " + op);
    }
}
