package io.chorus.client.wire;

import io.chorus.api.ReadConsistency;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.jute.InputArchive;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;

/**
 * The body of a {@link OpCode#CHORUS_READ} request: the consistency (its wire value), the read's own ZooKeeper
 * type, then that read's usual request record. The reply is the read's usual reply. Only reads of the tree
 * take a consistency ({@link #takesConsistency}); watch management and session reads are always local.
 */
public final class ConsistentReadRequest implements Record {
    private ReadConsistency consistency;
    private int type;
    private Record read;

    /** For decoding. */
    public ConsistentReadRequest() {
    }

    public ConsistentReadRequest(ReadConsistency consistency, int type, Record read) {
        if (!takesConsistency(type)) {
            throw new IllegalArgumentException("request type " + type + " takes no read consistency");
        }
        this.consistency = Objects.requireNonNull(consistency, "consistency");
        this.type = type;
        this.read = Objects.requireNonNull(read, "read");
    }

    /** Whether a read of this type can be asked with a consistency. */
    public static boolean takesConsistency(int type) {
        return readFor(type) != null;
    }

    /** The request record of a read that takes a consistency, to decode into; null for any other type. */
    public static Supplier<Record> readFor(int type) {
        return switch (type) {
            case OpCode.EXISTS -> ExistsRequest::new;
            case OpCode.GET_DATA -> GetDataRequest::new;
            case OpCode.GET_CHILDREN -> GetChildrenRequest::new;
            case OpCode.GET_CHILDREN2 -> GetChildren2Request::new;
            case OpCode.GET_ALL_CHILDREN_NUMBER -> GetAllChildrenNumberRequest::new;
            case OpCode.GET_ACL -> GetACLRequest::new;
            default -> null;
        };
    }

    public ReadConsistency consistency() {
        return consistency;
    }

    public int type() {
        return type;
    }

    public Record read() {
        return read;
    }

    @Override
    public void serialize(OutputArchive archive, String tag) throws IOException {
        archive.startRecord(this, tag);
        archive.writeInt(consistency.wireValue(), "consistency");
        archive.writeInt(type, "type");
        read.serialize(archive, "read");
        archive.endRecord(this, tag);
    }

    @Override
    public void deserialize(InputArchive archive, String tag) throws IOException {
        archive.startRecord(tag);
        int wire = archive.readInt("consistency");
        try {
            consistency = ReadConsistency.ofWireValue(wire);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        type = archive.readInt("type");
        Supplier<Record> body = readFor(type);
        if (body == null) {
            throw new IOException("request type " + type + " takes no read consistency");
        }
        read = body.get();
        read.deserialize(archive, "read");
        archive.endRecord(tag);
    }

    @Override
    public String toString() {
        return consistency + " read of type " + type + ": " + read;
    }
}
