package io.chorus.server.pipeline;

import io.chorus.api.Code;
import io.chorus.api.Created;
import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import io.chorus.client.wire.JuteMapping;
import io.chorus.client.wire.MultiRequestRecord;
import io.chorus.client.wire.MultiResponseRecord;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.WireResult;
import io.chorus.datatree.ApplyResult;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;
import java.util.ArrayList;
import java.util.List;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.SetACLResponse;
import org.apache.zookeeper.proto.SetDataResponse;

/** Builds the reply to a write from what applying its transaction produced, in ZooKeeper's encodings. */
final class WriteReplies {
    private WriteReplies() {
    }

    static ReplyPacket reply(RequestPacket request, long zxid, ApplyResult result) {
        if (request.type() == OpCode.MULTI) {
            // A failed multi still answers OK in the header: the per-op results carry the errors,
            // which is where ZooKeeper's client looks for them.
            return new ReplyPacket(request.xid(), zxid, 0, multi((MultiRequestRecord) request.body(), result));
        }
        if (result.code() != Code.OK) {
            return new ReplyPacket(request.xid(), zxid, result.code().intValue(), null);
        }
        return new ReplyPacket(request.xid(), zxid, 0, body(request.type(), result.response()));
    }

    private static Record body(int type, Object response) {
        return switch (type) {
            case OpCode.CREATE -> new CreateResponse(((Created) response).path());
            case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> {
                Created c = (Created) response;
                yield new Create2Response(c.path(), JuteMapping.toJute(c.stat()));
            }
            case OpCode.SET_DATA -> new SetDataResponse(JuteMapping.toJute((Stat) response));
            case OpCode.SET_ACL -> new SetACLResponse(JuteMapping.toJute((Stat) response));
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static MultiResponseRecord multi(MultiRequestRecord request, ApplyResult result) {
        List<OpResult> results = (List<OpResult>) result.response();
        List<WireResult> wire = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            wire.add(new WireResult(request.ops().get(i).type(), results.get(i)));
        }
        return new MultiResponseRecord(wire);
    }
}
