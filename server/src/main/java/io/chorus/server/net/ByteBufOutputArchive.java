package io.chorus.server.net;

import io.chorus.datatree.codec.Cesu8;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;

/**
 * Jute's binary encoding written straight into a {@link ByteBuf}: the bytes {@code BinaryOutputArchive}
 * produces (big-endian primitives, -1 for a null string, buffer or vector, strings as one to three
 * bytes per UTF-16 unit, as jute writes them), without the stream wrappers and the scratch buffer that
 * archive allocates for every record. One archive per buffer being written; not thread-safe.
 */
final class ByteBufOutputArchive implements OutputArchive {
    private final ByteBuf out;
    private final int startIndex;

    ByteBufOutputArchive(ByteBuf out) {
        this.out = out;
        this.startIndex = out.writerIndex();
    }

    @Override
    public void writeByte(byte b, String tag) {
        out.writeByte(b);
    }

    @Override
    public void writeBool(boolean b, String tag) {
        out.writeByte(b ? 1 : 0);
    }

    @Override
    public void writeInt(int i, String tag) {
        out.writeInt(i);
    }

    @Override
    public void writeLong(long l, String tag) {
        out.writeLong(l);
    }

    @Override
    public void writeFloat(float f, String tag) {
        out.writeInt(Float.floatToIntBits(f));
    }

    @Override
    public void writeDouble(double d, String tag) {
        out.writeLong(Double.doubleToLongBits(d));
    }

    @Override
    public void writeString(String s, String tag) {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        // Jute's string bytes are exactly CESU-8 (each UTF-16 unit alone, NUL as one zero byte).
        int length = Cesu8.encodedLength(s);
        out.ensureWritable(Integer.BYTES + length);
        out.writeInt(length);
        if (length == s.length()) {
            // Every unit is below 0x80: ASCII, which Netty copies in bulk.
            out.writeCharSequence(s, StandardCharsets.US_ASCII);
        } else {
            out.writeBytes(Cesu8.encode(s));
        }
    }

    @Override
    public void writeBuffer(byte[] buffer, String tag) {
        if (buffer == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(buffer.length);
        out.writeBytes(buffer);
    }

    @Override
    public void writeRecord(Record r, String tag) throws IOException {
        r.serialize(this, tag);
    }

    @Override
    public void startRecord(Record r, String tag) {
    }

    @Override
    public void endRecord(Record r, String tag) {
    }

    @Override
    public void startVector(List<?> v, String tag) {
        out.writeInt(v == null ? -1 : v.size());
    }

    @Override
    public void endVector(List<?> v, String tag) {
    }

    @Override
    public void startMap(TreeMap<?, ?> v, String tag) {
        out.writeInt(v.size());
    }

    @Override
    public void endMap(TreeMap<?, ?> v, String tag) {
    }

    /** Bytes written through this archive so far. */
    @Override
    public long getDataSize() {
        return out.writerIndex() - startIndex;
    }
}
