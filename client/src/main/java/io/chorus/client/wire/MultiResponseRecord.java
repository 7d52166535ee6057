package io.chorus.client.wire;

import io.chorus.api.OpResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.jute.InputArchive;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.MultiHeader;
import org.apache.zookeeper.proto.SetDataResponse;
import io.chorus.api.Code;

/**
 * The body of a multi reply: for each result a MultiHeader(type, false, err) and the result's record,
 * closed by MultiHeader(-1, true, -1). A create answered as {@link OpCode#CREATE} carries only the path;
 * create2, createTTL and createContainer carry the stat too.
 */
public final class MultiResponseRecord implements Record {
    private final List<WireResult> results;

    public MultiResponseRecord() {
        this.results = new ArrayList<>();
    }

    public MultiResponseRecord(List<WireResult> results) {
        this.results = new ArrayList<>(results);
    }

    public List<WireResult> results() {
        return results;
    }

    @Override
    public void serialize(OutputArchive archive, String tag) throws IOException {
        archive.startRecord(this, tag);
        for (WireResult w : results) {
            OpResult r = w.result();
            int err = r instanceof OpResult.ErrorResult e ? e.code().intValue() : 0;
            new MultiHeader(headerType(w), false, err).serialize(archive, tag);
            if (r instanceof OpResult.CreateResult c) {
                if (w.type() == OpCode.CREATE) {
                    new CreateResponse(c.path()).serialize(archive, tag);
                } else {
                    new Create2Response(c.path(), JuteMapping.toJute(c.stat())).serialize(archive, tag);
                }
            } else if (r instanceof OpResult.SetDataResult s) {
                new SetDataResponse(JuteMapping.toJute(s.stat())).serialize(archive, tag);
            } else if (r instanceof OpResult.GetDataResult g) {
                new GetDataResponse(g.data(), JuteMapping.toJute(g.stat())).serialize(archive, tag);
            } else if (r instanceof OpResult.GetChildrenResult g) {
                new GetChildrenResponse(g.children()).serialize(archive, tag);
            } else if (r instanceof OpResult.ErrorResult e) {
                new ErrorResponse(e.code().intValue()).serialize(archive, tag);
            }
        }
        new MultiHeader(-1, true, -1).serialize(archive, tag);
        archive.endRecord(this, tag);
    }

    /**
     * The type a result travels as: errors as {@link OpCode#ERROR}, and every create other than a plain
     * create as {@link OpCode#CREATE2} (ZooKeeper's client knows no other create type in a multi reply).
     */
    private static int headerType(WireResult w) {
        if (w.result() instanceof OpResult.ErrorResult) {
            return OpCode.ERROR;
        }
        if (w.result() instanceof OpResult.CreateResult && w.type() != OpCode.CREATE) {
            return OpCode.CREATE2;
        }
        return w.type();
    }

    @Override
    public void deserialize(InputArchive archive, String tag) throws IOException {
        results.clear();
        archive.startRecord(tag);
        MultiHeader h = new MultiHeader();
        h.deserialize(archive, tag);
        while (!h.getDone()) {
            if (results.size() >= MultiRequestRecord.OPS_MAX) {
                throw new IOException("multi reply has more than " + MultiRequestRecord.OPS_MAX + " results");
            }
            results.add(new WireResult(h.getType(), readResult(h.getType(), archive, tag)));
            h.deserialize(archive, tag);
        }
        archive.endRecord(tag);
    }

    private static OpResult readResult(int type, InputArchive archive, String tag) throws IOException {
        switch (type) {
            case OpCode.CREATE -> {
                CreateResponse r = new CreateResponse();
                r.deserialize(archive, tag);
                return new OpResult.CreateResult(r.getPath(), null);
            }
            case OpCode.CREATE2, OpCode.CREATE_TTL, OpCode.CREATE_CONTAINER -> {
                Create2Response r = new Create2Response();
                r.deserialize(archive, tag);
                return new OpResult.CreateResult(r.getPath(), JuteMapping.fromJute(r.getStat()));
            }
            case OpCode.DELETE -> {
                return new OpResult.DeleteResult();
            }
            case OpCode.CHECK -> {
                return new OpResult.CheckResult();
            }
            case OpCode.SET_DATA -> {
                SetDataResponse r = new SetDataResponse();
                r.deserialize(archive, tag);
                return new OpResult.SetDataResult(JuteMapping.fromJute(r.getStat()));
            }
            case OpCode.GET_DATA -> {
                GetDataResponse r = new GetDataResponse();
                r.deserialize(archive, tag);
                return new OpResult.GetDataResult(r.getData(), JuteMapping.fromJute(r.getStat()));
            }
            case OpCode.GET_CHILDREN -> {
                GetChildrenResponse r = new GetChildrenResponse();
                r.deserialize(archive, tag);
                return new OpResult.GetChildrenResult(r.getChildren());
            }
            case OpCode.ERROR -> {
                ErrorResponse r = new ErrorResponse();
                r.deserialize(archive, tag);
                return new OpResult.ErrorResult(Code.of(r.getErr()));
            }
            default -> throw new IOException("invalid result type " + type + " in multi reply");
        }
    }
}
