package io.chorus.client.wire;

import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.jute.InputArchive;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.MultiHeader;
import org.apache.zookeeper.proto.SetDataRequest;

/**
 * The body of a multi / multiRead request: for each op a MultiHeader(type, done=false, err=-1) and the
 * op's request record, closed by MultiHeader(-1, done=true, -1). The jute artifact has no class for it.
 */
public final class MultiRequestRecord implements Record {
    /** A bound on ops per multi, so a malformed stream of headers cannot grow the list without end. */
    public static final int OPS_MAX = 100_000;

    private final List<WireOp> ops;

    public MultiRequestRecord() {
        this.ops = new ArrayList<>();
    }

    public MultiRequestRecord(List<WireOp> ops) {
        this.ops = new ArrayList<>(ops);
    }

    public List<WireOp> ops() {
        return ops;
    }

    @Override
    public void serialize(OutputArchive archive, String tag) throws IOException {
        archive.startRecord(this, tag);
        for (WireOp w : ops) {
            new MultiHeader(w.type(), false, -1).serialize(archive, tag);
            requestRecord(w).serialize(archive, tag);
        }
        new MultiHeader(-1, true, -1).serialize(archive, tag);
        archive.endRecord(this, tag);
    }

    private static Record requestRecord(WireOp w) throws IOException {
        Op op = w.op();
        if (op instanceof Op.Create c) {
            if (w.type() == OpCode.CREATE_TTL) {
                return new CreateTTLRequest(c.path(), c.data(), JuteMapping.toJute(c.acl()), c.mode().flag(),
                        c.ttlMillis());
            }
            return new CreateRequest(c.path(), c.data(), JuteMapping.toJute(c.acl()), c.mode().flag());
        } else if (op instanceof Op.Delete d) {
            return new DeleteRequest(d.path(), d.version());
        } else if (op instanceof Op.SetData s) {
            return new SetDataRequest(s.path(), s.data(), s.version());
        } else if (op instanceof Op.Check c) {
            return new CheckVersionRequest(c.path(), c.version());
        } else if (op instanceof Op.GetData g) {
            return new GetDataRequest(g.path(), false);
        } else if (op instanceof Op.GetChildren g) {
            return new GetChildrenRequest(g.path(), false);
        }
        throw new IOException("invalid op in multi: " + op);
    }

    @Override
    public void deserialize(InputArchive archive, String tag) throws IOException {
        ops.clear();
        archive.startRecord(tag);
        MultiHeader h = new MultiHeader();
        h.deserialize(archive, tag);
        while (!h.getDone()) {
            if (ops.size() >= OPS_MAX) {
                throw new IOException("multi has more than " + OPS_MAX + " ops");
            }
            ops.add(new WireOp(h.getType(), readOp(h.getType(), archive, tag)));
            h.deserialize(archive, tag);
        }
        archive.endRecord(tag);
    }

    private static Op readOp(int type, InputArchive archive, String tag) throws IOException {
        switch (type) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> {
                CreateRequest r = new CreateRequest();
                r.deserialize(archive, tag);
                return new Op.Create(r.getPath(), r.getData(), JuteMapping.fromJute(r.getAcl()), mode(r.getFlags()), -1);
            }
            case OpCode.CREATE_TTL -> {
                CreateTTLRequest r = new CreateTTLRequest();
                r.deserialize(archive, tag);
                return new Op.Create(r.getPath(), r.getData(), JuteMapping.fromJute(r.getAcl()), mode(r.getFlags()),
                        r.getTtl());
            }
            case OpCode.DELETE -> {
                DeleteRequest r = new DeleteRequest();
                r.deserialize(archive, tag);
                return new Op.Delete(r.getPath(), r.getVersion());
            }
            case OpCode.SET_DATA -> {
                SetDataRequest r = new SetDataRequest();
                r.deserialize(archive, tag);
                return new Op.SetData(r.getPath(), r.getData(), r.getVersion());
            }
            case OpCode.CHECK -> {
                CheckVersionRequest r = new CheckVersionRequest();
                r.deserialize(archive, tag);
                return new Op.Check(r.getPath(), r.getVersion());
            }
            case OpCode.GET_DATA -> {
                GetDataRequest r = new GetDataRequest();
                r.deserialize(archive, tag);
                return new Op.GetData(r.getPath());
            }
            case OpCode.GET_CHILDREN -> {
                GetChildrenRequest r = new GetChildrenRequest();
                r.deserialize(archive, tag);
                return new Op.GetChildren(r.getPath());
            }
            default -> throw new IOException("invalid op type " + type + " in multi");
        }
    }

    private static CreateMode mode(int flags) throws IOException {
        CreateMode mode = CreateMode.fromFlag(flags);
        if (mode == null) {
            throw new IOException("unknown create flags " + flags);
        }
        return mode;
    }
}
