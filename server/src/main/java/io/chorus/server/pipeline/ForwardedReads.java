package io.chorus.server.pipeline;

import io.chorus.api.Id;
import io.chorus.api.ReadConsistency;
import io.chorus.client.wire.ConsistentReadRequest;
import io.chorus.client.wire.OpCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ExistsResponse;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataResponse;

/**
 * Reads a follower forwards to the leader (LEADER and LINEARIZABLE consistency) and the leader's answers, as
 * application messages between servers ({@code ConsensusProtocol.sendToLeader} / {@code sendToFollower}). The
 * first byte tells them from the session-touch reports that travel the same way (format 1). The leader serves a
 * forwarded read with the session's identities (for ACLs) and without its watch; the follower registers the watch
 * itself once its own tree has caught up with the answer.
 */
final class ForwardedReads {
    static final byte READ = 2;
    static final byte REPLY = 3;
    /** More identities than a session collects: a larger count is corruption, refused before allocating. */
    private static final int AUTH_IDS_MAX = 1_024;
    /** The largest record a message may carry: the client port's own bound is far below it. */
    private static final int RECORD_BYTES_MAX = 64 << 20;

    private ForwardedReads() {
    }

    /** A read forwarded to the leader. */
    record Read(long requestId, ReadConsistency consistency, long sessionId, List<Id> authIds, int type,
            Record request) {
    }

    /** The leader's answer: the error, the leader's last applied zxid when it served it, and the reply (or null). */
    record Reply(long requestId, int err, long zxid, int type, Record body) {
    }

    static byte[] encode(Read read) {
        return write(out -> {
            out.writeByte(READ);
            out.writeLong(read.requestId());
            out.writeInt(read.consistency().wireValue());
            out.writeLong(read.sessionId());
            out.writeInt(read.authIds().size());
            for (Id id : read.authIds()) {
                out.writeUTF(id.scheme());
                out.writeUTF(id.id());
            }
            out.writeInt(read.type());
            writeRecord(read.request(), out);
        });
    }

    static byte[] encode(Reply reply) {
        return write(out -> {
            out.writeByte(REPLY);
            out.writeLong(reply.requestId());
            out.writeInt(reply.err());
            out.writeLong(reply.zxid());
            out.writeInt(reply.type());
            out.writeBoolean(reply.body() != null);
            if (reply.body() != null) {
                writeRecord(reply.body(), out);
            }
        });
    }

    /** The message's kind: {@link #READ}, {@link #REPLY}, or something else (another format). */
    static byte kind(byte[] message) {
        return message.length == 0 ? 0 : message[0];
    }

    /** IllegalArgumentException saying what is wrong when {@code message} is not a well-formed forwarded read. */
    static Read decodeRead(byte[] message) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
            expect(in.readByte(), READ);
            long requestId = in.readLong();
            ReadConsistency consistency = ReadConsistency.ofWireValue(in.readInt());
            long sessionId = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > AUTH_IDS_MAX) {
                throw new IllegalArgumentException("forwarded read claims " + count + " identities");
            }
            List<Id> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(new Id(in.readUTF(), in.readUTF()));
            }
            int type = in.readInt();
            Record request = readRecord(in, requestFor(type), type);
            return new Read(requestId, consistency, sessionId, ids, type, request);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed forwarded read of " + message.length + " bytes: "
                    + e.getMessage(), e);
        }
    }

    static Reply decodeReply(byte[] message) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
            expect(in.readByte(), REPLY);
            long requestId = in.readLong();
            int err = in.readInt();
            long zxid = in.readLong();
            int type = in.readInt();
            Record body = in.readBoolean() ? readRecord(in, responseFor(type), type) : null;
            return new Reply(requestId, err, zxid, type, body);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed forwarded-read reply of " + message.length + " bytes: "
                    + e.getMessage(), e);
        }
    }

    private static Supplier<Record> requestFor(int type) throws IOException {
        Supplier<Record> request = ConsistentReadRequest.readFor(type);
        if (request == null) {
            throw new IOException("request type " + type + " is not forwarded");
        }
        return request;
    }

    private static Supplier<Record> responseFor(int type) throws IOException {
        Supplier<Record> response = switch (type) {
            case OpCode.EXISTS -> ExistsResponse::new;
            case OpCode.GET_DATA -> GetDataResponse::new;
            case OpCode.GET_CHILDREN -> GetChildrenResponse::new;
            case OpCode.GET_CHILDREN2 -> GetChildren2Response::new;
            case OpCode.GET_ALL_CHILDREN_NUMBER -> GetAllChildrenNumberResponse::new;
            case OpCode.GET_ACL -> GetACLResponse::new;
            default -> null;
        };
        if (response == null) {
            throw new IOException("no reply of request type " + type + " is forwarded");
        }
        return response;
    }

    private static void expect(byte kind, byte expected) throws IOException {
        if (kind != expected) {
            throw new IOException("kind " + kind + " where " + expected + " was expected");
        }
    }

    private static Record readRecord(DataInputStream in, Supplier<Record> factory, int type) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > RECORD_BYTES_MAX || length > in.available()) {
            throw new IOException("record of type " + type + " claims " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        Record record = factory.get();
        ByteArrayInputStream recordIn = new ByteArrayInputStream(bytes);
        record.deserialize(new BinaryInputArchive(new DataInputStream(recordIn), RECORD_BYTES_MAX, 0), "record");
        if (recordIn.available() > 0) {
            throw new IOException(recordIn.available() + " bytes left over after the record of type " + type);
        }
        return record;
    }

    private static void writeRecord(Record record, DataOutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        record.serialize(BinaryOutputArchive.getArchive(bytes), "record");
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
