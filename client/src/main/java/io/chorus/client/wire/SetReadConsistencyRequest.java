package io.chorus.client.wire;

import io.chorus.api.ReadConsistency;
import java.io.IOException;
import java.util.Objects;
import org.apache.jute.InputArchive;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;

/**
 * The body of a {@link OpCode#CHORUS_SET_READ_CONSISTENCY} request: the consistency (its wire value) the
 * connected server gives this session's reads that do not name one. It holds for this connection only; a
 * client sends it again after connecting elsewhere. The reply has no body.
 */
public final class SetReadConsistencyRequest implements Record {
    private ReadConsistency consistency;

    /** For decoding. */
    public SetReadConsistencyRequest() {
    }

    public SetReadConsistencyRequest(ReadConsistency consistency) {
        this.consistency = Objects.requireNonNull(consistency, "consistency");
    }

    public ReadConsistency consistency() {
        return consistency;
    }

    @Override
    public void serialize(OutputArchive archive, String tag) throws IOException {
        archive.startRecord(this, tag);
        archive.writeInt(consistency.wireValue(), "consistency");
        archive.endRecord(this, tag);
    }

    @Override
    public void deserialize(InputArchive archive, String tag) throws IOException {
        archive.startRecord(tag);
        try {
            consistency = ReadConsistency.ofWireValue(archive.readInt("consistency"));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        archive.endRecord(tag);
    }

    @Override
    public String toString() {
        return "default read consistency " + consistency;
    }
}
