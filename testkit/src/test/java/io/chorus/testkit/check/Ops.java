package io.chorus.testkit.check;

import io.chorus.api.Code;
import io.chorus.api.Stat;
import java.nio.charset.StandardCharsets;

/** Short names for hand-made histories. Client c uses session 0x100 + c; a reply's receive sequence is its time. */
final class Ops {
    private Ops() {
    }

    static long session(int client) {
        return 0x100 + client;
    }

    /** zxid (epoch 1, counter). */
    static long z(int counter) {
        return (1L << 32) + counter;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Stat stat(int version, long czxid, long mzxid) {
        return new Stat(czxid, mzxid, 0, 0, version, 0, 0, 0, 0, 0, 0);
    }

    static ClientOp done(long id, int client, Invocation call, long invoke, long ret, Code code, long zxid, Result r) {
        return new ClientOp(id, client, session(client), call, invoke, new Reply(ret, ret, code, zxid, r));
    }

    static ClientOp ok(long id, int client, Invocation call, long invoke, long ret, long zxid, Result r) {
        return done(id, client, call, invoke, ret, Code.OK, zxid, r);
    }

    static ClientOp ok(long id, int client, Invocation call, long invoke, long ret, long zxid) {
        return done(id, client, call, invoke, ret, Code.OK, zxid, Result.none());
    }

    static ClientOp err(long id, int client, Invocation call, long invoke, long ret, Code code, long zxid) {
        return done(id, client, call, invoke, ret, code, zxid, Result.none());
    }

    static ClientOp lost(long id, int client, Invocation call, long invoke) {
        return new ClientOp(id, client, session(client), call, invoke, null);
    }

    /** A linearizable getData that returned {@code data} at version {@code version}, zxids unchecked (read at zxid 0). */
    static ClientOp read(long id, int client, String path, long invoke, long ret, String data, int version, long czxid,
                         long mzxid) {
        return ok(id, client, Invocation.getData(path).asLinearizableRead(), invoke, ret, 0,
                Result.data(b(data), stat(version, czxid, mzxid)));
    }

    static ClientOp readAbsent(long id, int client, String path, long invoke, long ret) {
        return err(id, client, Invocation.getData(path).asLinearizableRead(), invoke, ret, Code.NONODE, 0);
    }
}
