package io.chorus.client.call;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;

/** A jute record's binary encoding, the bytes that follow the request header on the wire. */
public final class RecordBytes {
    private static final byte[] NONE = new byte[0];

    private RecordBytes() {
    }

    /** The encoding of {@code record}; no bytes for null (requests without a body). */
    public static byte[] of(Record record) {
        if (record == null) {
            return NONE;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            record.serialize(BinaryOutputArchive.getArchive(out), "request");
        } catch (IOException e) {
            // Writing to memory cannot fail; an IOException here means a record refused its own fields.
            throw new UncheckedIOException("cannot encode " + record.getClass().getSimpleName(), e);
        }
        return out.toByteArray();
    }
}
