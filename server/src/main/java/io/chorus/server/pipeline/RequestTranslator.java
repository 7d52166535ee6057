package io.chorus.server.pipeline;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.client.wire.JuteMapping;
import io.chorus.client.wire.MultiRequestRecord;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.WireOp;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.server.net.RequestPacket;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetDataRequest;

/**
 * Turns a write request into the transaction body the log orders. Only what the wire request itself
 * gets wrong is refused here (unknown create flags, a mode that does not match the opcode, reads in a
 * write multi); everything that depends on the tree is decided when the transaction is applied.
 */
final class RequestTranslator {
    private RequestTranslator() {
    }

    static boolean isWrite(int type) {
        return switch (type) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, OpCode.DELETE,
                    OpCode.SET_DATA, OpCode.SET_ACL, OpCode.CHECK, OpCode.MULTI, OpCode.CLOSE_SESSION -> true;
            default -> false;
        };
    }

    static TxnBody toBody(RequestPacket packet) throws ChorusException {
        return switch (packet.type()) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> {
                CreateRequest r = (CreateRequest) packet.body();
                yield create(packet.type(), r.getPath(), r.getData(), r.getAcl(), r.getFlags(), -1);
            }
            case OpCode.CREATE_TTL -> {
                CreateTTLRequest r = (CreateTTLRequest) packet.body();
                yield create(packet.type(), r.getPath(), r.getData(), r.getAcl(), r.getFlags(), r.getTtl());
            }
            case OpCode.DELETE -> {
                DeleteRequest r = (DeleteRequest) packet.body();
                yield new TxnBody.Delete(r.getPath(), r.getVersion());
            }
            case OpCode.SET_DATA -> {
                SetDataRequest r = (SetDataRequest) packet.body();
                yield new TxnBody.SetData(r.getPath(), r.getData(), r.getVersion());
            }
            case OpCode.SET_ACL -> {
                SetACLRequest r = (SetACLRequest) packet.body();
                yield new TxnBody.SetAcl(r.getPath(), JuteMapping.fromJute(r.getAcl()), r.getVersion());
            }
            case OpCode.CHECK -> {
                CheckVersionRequest r = (CheckVersionRequest) packet.body();
                yield new TxnBody.Check(r.getPath(), r.getVersion());
            }
            case OpCode.MULTI -> multi((MultiRequestRecord) packet.body());
            case OpCode.CLOSE_SESSION -> new TxnBody.CloseSession();
            default -> throw new IllegalArgumentException("not a write: type " + packet.type());
        };
    }

    private static TxnBody multi(MultiRequestRecord record) throws ChorusException {
        List<TxnBody> ops = new ArrayList<>(record.ops().size());
        for (WireOp w : record.ops()) {
            Op op = w.op();
            if (op instanceof Op.Create c) {
                ops.add(new TxnBody.Create(c.path(), c.data(), c.acl(), c.mode(), c.ttlMillis()));
            } else if (op instanceof Op.Delete d) {
                ops.add(new TxnBody.Delete(d.path(), d.version()));
            } else if (op instanceof Op.SetData s) {
                ops.add(new TxnBody.SetData(s.path(), s.data(), s.version()));
            } else if (op instanceof Op.Check c) {
                ops.add(new TxnBody.Check(c.path(), c.version()));
            } else {
                // ZooKeeper refuses to mix reads into a transaction.
                throw new ChorusException(Code.BADARGUMENTS, op.path());
            }
        }
        return new TxnBody.Multi(ops);
    }

    private static TxnBody create(int type, String path, byte[] data, List<org.apache.zookeeper.data.ACL> acl,
            int flags, long ttl) throws ChorusException {
        CreateMode mode = CreateMode.fromFlag(flags);
        if (mode == null) {
            throw new ChorusException(Code.BADARGUMENTS, path);
        }
        boolean containerOp = type == OpCode.CREATE_CONTAINER;
        boolean ttlOp = type == OpCode.CREATE_TTL;
        if (mode.isContainer() != containerOp || mode.isTtl() != ttlOp) {
            throw new ChorusException(Code.BADARGUMENTS, path);
        }
        return new TxnBody.Create(path, data, JuteMapping.fromJute(acl), mode, ttlOp ? ttl : -1);
    }

}
