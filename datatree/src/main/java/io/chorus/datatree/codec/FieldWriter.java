package io.chorus.datatree.codec;

import java.io.DataOutput;
import java.io.IOException;

/** Writes the length-prefixed fields {@link BoundedReader} reads: -1 for null, else the length and the bytes. */
public final class FieldWriter {
    private FieldWriter() {
    }

    public static void writeBytesOrNull(DataOutput out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    public static void writeStringOrNull(DataOutput out, String value) throws IOException {
        writeBytesOrNull(out, value == null ? null : Cesu8.encode(value));
    }
}
