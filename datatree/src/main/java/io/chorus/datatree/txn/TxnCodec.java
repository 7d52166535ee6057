package io.chorus.datatree.txn;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.Id;
import io.chorus.api.spi.LogEntry;
import io.chorus.datatree.codec.BoundedReader;
import io.chorus.datatree.codec.ByteArrayWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The binary form of a {@link Txn}: a format byte, the header, then the body as a tag and its fields
 * (big-endian; strings CESU-8 with a length, -1 for null; lists with a count, -1 for null). Every
 * value a Txn can hold round-trips, nulls included. Decoding never trusts a length or count beyond the
 * bytes present and turns every malformation into an IOException saying what and where.
 */
public final class TxnCodec {
    /** Multis nested deeper than this are refused: a multi inside a multi is UNIMPLEMENTED anyway. */
    public static final int MULTI_NESTING_MAX = 4;

    private static final byte FORMAT = 1;
    private static final byte TAG_CREATE_SESSION = 1;
    private static final byte TAG_CLOSE_SESSION = 2;
    private static final byte TAG_CREATE = 3;
    private static final byte TAG_DELETE = 4;
    private static final byte TAG_SET_DATA = 5;
    private static final byte TAG_SET_ACL = 6;
    private static final byte TAG_CHECK = 7;
    private static final byte TAG_MULTI = 8;
    private static final byte TAG_DELETE_CONTAINER = 9;
    private static final byte TAG_DELETE_EXPIRED_TTL = 10;
    /** A null op inside a multi's list. */
    private static final byte TAG_NULL = 0;
    /** Each encoded id is at least two 4-byte string lengths. */
    private static final int ID_BYTES_MIN = 8;
    /** Each ACL entry and each multi op is at least its presence byte or tag. */
    private static final int ACL_ENTRY_BYTES_MIN = 1;
    private static final int OP_BYTES_MIN = 1;
    private static final int NO_MODE = -1;
    private static final int FORMAT_BYTES = 1;
    private static final int TAG_BYTES = 1;
    private static final int ACL_PRESENCE_BYTES = 1;

    private TxnCodec() {
    }

    /**
     * Encodes any Txn into an array of exactly its size (measured first, then written in place);
     * IllegalArgumentException only for multis nested deeper than {@link #MULTI_NESTING_MAX}.
     */
    public static byte[] encode(Txn txn) {
        ByteArrayWriter out = new ByteArrayWriter(FORMAT_BYTES + headerLength(txn.header()) + bodyLength(txn.body(), 0));
        out.writeByte(FORMAT);
        writeHeader(out, txn.header());
        writeBody(out, txn.body(), 0);
        return out.toArray();
    }

    /**
     * Decodes a committed log entry. One that does not decode is not bad input but a broken replica (the
     * others applied it): IllegalStateException naming the zxid, for the caller to stop on rather than diverge.
     */
    public static Txn decodeCommitted(LogEntry entry) {
        try {
            return decode(entry.payload());
        } catch (IOException e) {
            throw new IllegalStateException("committed entry 0x" + Long.toHexString(entry.zxid())
                    + " does not decode: " + e.getMessage(), e);
        }
    }

    public static Txn decode(byte[] bytes) throws IOException {
        if (bytes == null) {
            throw new IOException("malformed txn: no bytes");
        }
        BoundedReader in = new BoundedReader(bytes);
        byte format = in.readByte("format");
        if (format != FORMAT) {
            throw new IOException("malformed txn: unknown format " + format + " (expected " + FORMAT + ")");
        }
        TxnHeader header = readHeader(in);
        TxnBody body = readBody(in, 0);
        if (body == null) {
            throw new IOException("malformed txn: null body");
        }
        in.expectEnd("txn");
        return new Txn(header, body);
    }

    private static int headerLength(TxnHeader header) {
        int length = Long.BYTES + Integer.BYTES + Long.BYTES + Integer.BYTES;
        for (Id id : header.authIds()) {
            length += idLength(id);
        }
        return length;
    }

    private static void writeHeader(ByteArrayWriter out, TxnHeader header) {
        out.writeLong(header.sessionId());
        out.writeInt(header.cxid());
        out.writeLong(header.timeMillis());
        out.writeInt(header.authIds().size());
        for (Id id : header.authIds()) {
            writeId(out, id);
        }
    }

    private static TxnHeader readHeader(BoundedReader in) throws IOException {
        long sessionId = in.readLong("header.sessionId");
        int cxid = in.readInt("header.cxid");
        long timeMillis = in.readLong("header.timeMillis");
        int count = in.readCount("header.authIds", ID_BYTES_MIN);
        if (count < 0) {
            throw new IOException("malformed header.authIds: null list");
        }
        List<Id> authIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                authIds.add(readId(in));
            } catch (IOException e) {
                throw inElement("header.authIds", i, e);
            }
        }
        return new TxnHeader(sessionId, cxid, timeMillis, authIds);
    }

    /** The bytes {@link #writeBody} writes for {@code body}: its tag and fields. */
    private static int bodyLength(TxnBody body, int nesting) {
        int fields;
        if (body instanceof TxnBody.CreateSession b) {
            fields = Integer.BYTES + ByteArrayWriter.bytesOrNullLength(b.password());
        } else if (body instanceof TxnBody.CloseSession) {
            fields = 0;
        } else if (body instanceof TxnBody.Create b) {
            fields = ByteArrayWriter.stringOrNullLength(b.path()) + ByteArrayWriter.bytesOrNullLength(b.data())
                    + aclLength(b.acl()) + Integer.BYTES + Long.BYTES;
        } else if (body instanceof TxnBody.Delete b) {
            fields = ByteArrayWriter.stringOrNullLength(b.path()) + Integer.BYTES;
        } else if (body instanceof TxnBody.SetData b) {
            fields = ByteArrayWriter.stringOrNullLength(b.path()) + ByteArrayWriter.bytesOrNullLength(b.data())
                    + Integer.BYTES;
        } else if (body instanceof TxnBody.SetAcl b) {
            fields = ByteArrayWriter.stringOrNullLength(b.path()) + aclLength(b.acl()) + Integer.BYTES;
        } else if (body instanceof TxnBody.Check b) {
            fields = ByteArrayWriter.stringOrNullLength(b.path()) + Integer.BYTES;
        } else if (body instanceof TxnBody.Multi b) {
            fields = multiLength(b, nesting);
        } else if (body instanceof TxnBody.DeleteContainer b) {
            fields = ByteArrayWriter.stringOrNullLength(b.path());
        } else if (body instanceof TxnBody.DeleteExpiredTtl b) {
            fields = ByteArrayWriter.stringOrNullLength(b.path()) + Long.BYTES;
        } else {
            fields = 0;
        }
        return TAG_BYTES + fields;
    }

    private static void writeBody(ByteArrayWriter out, TxnBody body, int nesting) {
        if (body instanceof TxnBody.CreateSession b) {
            out.writeByte(TAG_CREATE_SESSION);
            out.writeInt(b.timeoutMillis());
            out.writeBytesOrNull(b.password());
        } else if (body instanceof TxnBody.CloseSession) {
            out.writeByte(TAG_CLOSE_SESSION);
        } else if (body instanceof TxnBody.Create b) {
            out.writeByte(TAG_CREATE);
            out.writeStringOrNull(b.path());
            out.writeBytesOrNull(b.data());
            writeAcl(out, b.acl());
            out.writeInt(b.mode() == null ? NO_MODE : b.mode().flag());
            out.writeLong(b.ttlMillis());
        } else if (body instanceof TxnBody.Delete b) {
            out.writeByte(TAG_DELETE);
            out.writeStringOrNull(b.path());
            out.writeInt(b.version());
        } else if (body instanceof TxnBody.SetData b) {
            out.writeByte(TAG_SET_DATA);
            out.writeStringOrNull(b.path());
            out.writeBytesOrNull(b.data());
            out.writeInt(b.version());
        } else if (body instanceof TxnBody.SetAcl b) {
            out.writeByte(TAG_SET_ACL);
            out.writeStringOrNull(b.path());
            writeAcl(out, b.acl());
            out.writeInt(b.aclVersion());
        } else if (body instanceof TxnBody.Check b) {
            out.writeByte(TAG_CHECK);
            out.writeStringOrNull(b.path());
            out.writeInt(b.version());
        } else if (body instanceof TxnBody.Multi b) {
            writeMulti(out, b, nesting);
        } else if (body instanceof TxnBody.DeleteContainer b) {
            out.writeByte(TAG_DELETE_CONTAINER);
            out.writeStringOrNull(b.path());
        } else if (body instanceof TxnBody.DeleteExpiredTtl b) {
            out.writeByte(TAG_DELETE_EXPIRED_TTL);
            out.writeStringOrNull(b.path());
            out.writeLong(b.mzxid());
        } else {
            out.writeByte(TAG_NULL);
        }
    }

    /** The op count and the ops, after the tag {@link #bodyLength} counts. */
    private static int multiLength(TxnBody.Multi multi, int nesting) {
        requireNestingWithinBound(nesting);
        int length = Integer.BYTES;
        if (multi.ops() != null) {
            for (TxnBody op : multi.ops()) {
                length += bodyLength(op, nesting + 1);
            }
        }
        return length;
    }

    private static void writeMulti(ByteArrayWriter out, TxnBody.Multi multi, int nesting) {
        requireNestingWithinBound(nesting);
        out.writeByte(TAG_MULTI);
        List<TxnBody> ops = multi.ops();
        out.writeInt(ops == null ? -1 : ops.size());
        if (ops != null) {
            for (TxnBody op : ops) {
                writeBody(out, op, nesting + 1);
            }
        }
    }

    private static void requireNestingWithinBound(int nesting) {
        if (nesting >= MULTI_NESTING_MAX) {
            throw new IllegalArgumentException("multi nested deeper than " + MULTI_NESTING_MAX);
        }
    }

    /** A body, or null for TAG_NULL (allowed only inside a multi; the caller checks at top level). */
    private static TxnBody readBody(BoundedReader in, int nesting) throws IOException {
        int at = in.position();
        byte tag = in.readByte("body tag");
        switch (tag) {
            case TAG_NULL:
                return null;
            case TAG_CREATE_SESSION:
                return new TxnBody.CreateSession(in.readInt("createSession.timeoutMillis"),
                        in.readBytesOrNull("createSession.password"));
            case TAG_CLOSE_SESSION:
                return new TxnBody.CloseSession();
            case TAG_CREATE:
                return readCreate(in);
            case TAG_DELETE:
                return new TxnBody.Delete(in.readStringOrNull("delete.path"), in.readInt("delete.version"));
            case TAG_SET_DATA:
                return new TxnBody.SetData(in.readStringOrNull("setData.path"), in.readBytesOrNull("setData.data"),
                        in.readInt("setData.version"));
            case TAG_SET_ACL:
                return new TxnBody.SetAcl(in.readStringOrNull("setAcl.path"), readAcl(in, "setAcl.acl"),
                        in.readInt("setAcl.aclVersion"));
            case TAG_CHECK:
                return new TxnBody.Check(in.readStringOrNull("check.path"), in.readInt("check.version"));
            case TAG_MULTI:
                return readMulti(in, nesting);
            case TAG_DELETE_CONTAINER:
                return new TxnBody.DeleteContainer(in.readStringOrNull("deleteContainer.path"));
            case TAG_DELETE_EXPIRED_TTL:
                return new TxnBody.DeleteExpiredTtl(in.readStringOrNull("deleteExpiredTtl.path"),
                        in.readLong("deleteExpiredTtl.mzxid"));
            default:
                throw new IOException("malformed txn: unknown body tag " + tag + " at offset " + at);
        }
    }

    private static TxnBody.Create readCreate(BoundedReader in) throws IOException {
        String path = in.readStringOrNull("create.path");
        byte[] data = in.readBytesOrNull("create.data");
        List<Acl> acl = readAcl(in, "create.acl");
        int at = in.position();
        int flag = in.readInt("create.mode");
        CreateMode mode = flag == NO_MODE ? null : CreateMode.fromFlag(flag);
        if (flag != NO_MODE && mode == null) {
            throw new IOException("malformed create.mode: unknown flag " + flag + " at offset " + at);
        }
        return new TxnBody.Create(path, data, acl, mode, in.readLong("create.ttlMillis"));
    }

    private static TxnBody.Multi readMulti(BoundedReader in, int nesting) throws IOException {
        if (nesting >= MULTI_NESTING_MAX) {
            throw new IOException("malformed txn: multi nested deeper than " + MULTI_NESTING_MAX);
        }
        int count = in.readCount("multi.ops", OP_BYTES_MIN);
        if (count < 0) {
            return new TxnBody.Multi(null);
        }
        List<TxnBody> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ops.add(readBody(in, nesting + 1));
        }
        return new TxnBody.Multi(Collections.unmodifiableList(ops));
    }

    private static int aclLength(List<Acl> acl) {
        int length = Integer.BYTES;
        if (acl != null) {
            for (Acl entry : acl) {
                length += ACL_PRESENCE_BYTES + (entry == null ? 0 : Integer.BYTES + idLength(entry.id()));
            }
        }
        return length;
    }

    private static void writeAcl(ByteArrayWriter out, List<Acl> acl) {
        if (acl == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(acl.size());
        for (Acl entry : acl) {
            out.writeByte(entry == null ? 0 : 1);
            if (entry != null) {
                out.writeInt(entry.perms());
                writeId(out, entry.id());
            }
        }
    }

    private static List<Acl> readAcl(BoundedReader in, String field) throws IOException {
        int count = in.readCount(field, ACL_ENTRY_BYTES_MIN);
        if (count < 0) {
            return null;
        }
        List<Acl> acl = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                acl.add(readAclEntry(in));
            } catch (IOException e) {
                throw inElement(field, i, e);
            }
        }
        return Collections.unmodifiableList(acl);
    }

    /** One entry, or null; field names are constants so that decoding builds no strings unless it fails. */
    private static Acl readAclEntry(BoundedReader in) throws IOException {
        byte present = in.readByte("entry");
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new IOException("malformed entry: presence byte " + present);
        }
        int perms = in.readInt("perms");
        return new Acl(perms, readId(in));
    }

    /** Names the list element a failure happened in, keeping what the reader said. */
    private static IOException inElement(String field, int index, IOException cause) {
        return new IOException(field + "[" + index + "]: " + cause.getMessage(), cause);
    }

    private static int idLength(Id id) {
        return ByteArrayWriter.stringOrNullLength(id.scheme()) + ByteArrayWriter.stringOrNullLength(id.id());
    }

    private static void writeId(ByteArrayWriter out, Id id) {
        out.writeStringOrNull(id.scheme());
        out.writeStringOrNull(id.id());
    }

    private static Id readId(BoundedReader in) throws IOException {
        return new Id(in.readString("id.scheme"), in.readString("id.id"));
    }
}
