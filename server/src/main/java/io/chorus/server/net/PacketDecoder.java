package io.chorus.server.net;

import io.chorus.client.wire.ConsistentReadRequest;
import io.chorus.client.wire.MultiRequestRecord;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.SetReadConsistencyRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.SyncRequest;

/**
 * Turns frames (length prefix already stripped) into packets: the first frame of a connection is a
 * {@link ConnectPacket}, every later one a {@link RequestPacket}. A frame too short for its header is a
 * protocol violation ({@link CorruptedFrameException}: the connection closes); a body that does not
 * parse is handed on with a decode error so it is answered in order.
 */
public final class PacketDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final int maxPacketBytes;
    private boolean connected;

    public PacketDecoder(int maxPacketBytes) {
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws Exception {
        if (!connected) {
            out.add(decodeConnect(frame));
            connected = true;
            return;
        }
        if (frame.readableBytes() < 8) {
            throw new CorruptedFrameException("request of " + frame.readableBytes() + " bytes has no header");
        }
        int xid = frame.readInt();
        int type = frame.readInt();
        Supplier<Record> body = bodyFor(type);
        if (body == null) {
            out.add(RequestPacket.of(xid, type, null));
            return;
        }
        Record record = body.get();
        try {
            record.deserialize(archive(frame), "request");
            if (record instanceof ConsistentReadRequest read) {
                out.add(RequestPacket.read(xid, read.type(), read.read(), read.consistency()));
                return;
            }
            out.add(RequestPacket.of(xid, type, record));
        } catch (IOException | RuntimeException e) {
            out.add(new RequestPacket(xid, type, null, "malformed body of type " + type + ": " + e.getMessage()));
        }
    }

    private ConnectPacket decodeConnect(ByteBuf frame) throws IOException {
        // ZooKeeper's ConnectRequest; the trailing readOnly flag is absent from old clients.
        if (frame.readableBytes() < 4 + 8 + 4 + 8 + 4) {
            throw new CorruptedFrameException("connect request of " + frame.readableBytes() + " bytes is truncated");
        }
        BinaryInputArchive in = archive(frame);
        int protocolVersion = in.readInt("protocolVersion");
        long lastZxidSeen = in.readLong("lastZxidSeen");
        int timeout = in.readInt("timeOut");
        long sessionId = in.readLong("sessionId");
        byte[] password = in.readBuffer("passwd");
        boolean readOnly = frame.isReadable() && frame.readBoolean();
        return new ConnectPacket(protocolVersion, lastZxidSeen, timeout, sessionId,
                password == null ? new byte[0] : password, readOnly);
    }

    private BinaryInputArchive archive(ByteBuf frame) {
        return new BinaryInputArchive(new ByteBufInputStream(frame), maxPacketBytes, 0);
    }

    /** The body record for a request type; null for bodiless or unknown types. */
    static Supplier<Record> bodyFor(int type) {
        return switch (type) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> CreateRequest::new;
            case OpCode.CREATE_TTL -> CreateTTLRequest::new;
            case OpCode.DELETE -> DeleteRequest::new;
            case OpCode.EXISTS -> ExistsRequest::new;
            case OpCode.GET_DATA -> GetDataRequest::new;
            case OpCode.SET_DATA -> SetDataRequest::new;
            case OpCode.GET_ACL -> GetACLRequest::new;
            case OpCode.SET_ACL -> SetACLRequest::new;
            case OpCode.GET_CHILDREN -> GetChildrenRequest::new;
            case OpCode.GET_CHILDREN2 -> GetChildren2Request::new;
            case OpCode.SYNC -> SyncRequest::new;
            case OpCode.CHECK -> CheckVersionRequest::new;
            case OpCode.MULTI, OpCode.MULTI_READ -> MultiRequestRecord::new;
            case OpCode.CHECK_WATCHES -> CheckWatchesRequest::new;
            case OpCode.REMOVE_WATCHES -> RemoveWatchesRequest::new;
            case OpCode.AUTH -> AuthPacket::new;
            case OpCode.SET_WATCHES -> SetWatches::new;
            case OpCode.SET_WATCHES2 -> SetWatches2::new;
            case OpCode.GET_EPHEMERALS -> GetEphemeralsRequest::new;
            case OpCode.GET_ALL_CHILDREN_NUMBER -> GetAllChildrenNumberRequest::new;
            case OpCode.ADD_WATCH -> AddWatchRequest::new;
            case OpCode.CHORUS_READ -> ConsistentReadRequest::new;
            case OpCode.CHORUS_SET_READ_CONSISTENCY -> SetReadConsistencyRequest::new;
            default -> null;
        };
    }
}
