package io.chorus.datatree.txn;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.Id;
import io.chorus.datatree.codec.BoundedReader;
import io.chorus.datatree.codec.FieldWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private TxnCodec() {
    }

    /** Encodes any Txn; IllegalArgumentException only for multis nested deeper than {@link #MULTI_NESTING_MAX}. */
    public static byte[] encode(Txn txn) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeByte(FORMAT);
            writeHeader(out, txn.header());
            writeBody(out, txn.body(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
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

    private static void writeHeader(DataOutputStream out, TxnHeader header) throws IOException {
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
            authIds.add(readId(in, "header.authIds[" + i + "]"));
        }
        return new TxnHeader(sessionId, cxid, timeMillis, authIds);
    }

    private static void writeBody(DataOutputStream out, TxnBody body, int nesting) throws IOException {
        if (body instanceof TxnBody.CreateSession b) {
            out.writeByte(TAG_CREATE_SESSION);
            out.writeInt(b.timeoutMillis());
            FieldWriter.writeBytesOrNull(out, b.password());
        } else if (body instanceof TxnBody.CloseSession) {
            out.writeByte(TAG_CLOSE_SESSION);
        } else if (body instanceof TxnBody.Create b) {
            out.writeByte(TAG_CREATE);
            FieldWriter.writeStringOrNull(out, b.path());
            FieldWriter.writeBytesOrNull(out, b.data());
            writeAcl(out, b.acl());
            out.writeInt(b.mode() == null ? NO_MODE : b.mode().flag());
            out.writeLong(b.ttlMillis());
        } else if (body instanceof TxnBody.Delete b) {
            out.writeByte(TAG_DELETE);
            FieldWriter.writeStringOrNull(out, b.path());
            out.writeInt(b.version());
        } else if (body instanceof TxnBody.SetData b) {
            out.writeByte(TAG_SET_DATA);
            FieldWriter.writeStringOrNull(out, b.path());
            FieldWriter.writeBytesOrNull(out, b.data());
            out.writeInt(b.version());
        } else if (body instanceof TxnBody.SetAcl b) {
            out.writeByte(TAG_SET_ACL);
            FieldWriter.writeStringOrNull(out, b.path());
            writeAcl(out, b.acl());
            out.writeInt(b.aclVersion());
        } else if (body instanceof TxnBody.Check b) {
            out.writeByte(TAG_CHECK);
            FieldWriter.writeStringOrNull(out, b.path());
            out.writeInt(b.version());
        } else if (body instanceof TxnBody.Multi b) {
            writeMulti(out, b, nesting);
        } else if (body instanceof TxnBody.DeleteContainer b) {
            out.writeByte(TAG_DELETE_CONTAINER);
            FieldWriter.writeStringOrNull(out, b.path());
        } else if (body instanceof TxnBody.DeleteExpiredTtl b) {
            out.writeByte(TAG_DELETE_EXPIRED_TTL);
            FieldWriter.writeStringOrNull(out, b.path());
            out.writeLong(b.mzxid());
        } else {
            out.writeByte(TAG_NULL);
        }
    }

    private static void writeMulti(DataOutputStream out, TxnBody.Multi multi, int nesting) throws IOException {
        if (nesting >= MULTI_NESTING_MAX) {
            throw new IllegalArgumentException("multi nested deeper than " + MULTI_NESTING_MAX);
        }
        out.writeByte(TAG_MULTI);
        List<TxnBody> ops = multi.ops();
        out.writeInt(ops == null ? -1 : ops.size());
        if (ops != null) {
            for (TxnBody op : ops) {
                writeBody(out, op, nesting + 1);
            }
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

    private static void writeAcl(DataOutputStream out, List<Acl> acl) throws IOException {
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
            String entry = field + "[" + i + "]";
            byte present = in.readByte(entry);
            if (present == 0) {
                acl.add(null);
            } else if (present == 1) {
                int perms = in.readInt(entry + ".perms");
                acl.add(new Acl(perms, readId(in, entry + ".id")));
            } else {
                throw new IOException("malformed " + entry + ": presence byte " + present);
            }
        }
        return Collections.unmodifiableList(acl);
    }

    private static void writeId(DataOutputStream out, Id id) throws IOException {
        FieldWriter.writeStringOrNull(out, id.scheme());
        FieldWriter.writeStringOrNull(out, id.id());
    }

    private static Id readId(BoundedReader in, String field) throws IOException {
        return new Id(in.readString(field + ".scheme"), in.readString(field + ".id"));
    }
}
