package io.chorus.client.call;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import org.apache.jute.InputArchive;

/**
 * One request on its way: the opcode, the encoded body, how to read the reply, and the future the caller
 * holds. The connection assigns the xid when it writes the call, reads the reply with {@link #settle}, or
 * fails the call with a code when there will be no reply.
 */
public final class Call<T> {
    private final int opCode;
    private final byte[] body;
    private final String path;
    private final ReplyReader<T> reader;
    private final ReplyFuture<T> future = new ReplyFuture<>();
    /** The pending request-timeout check; only touched on the connection's thread. */
    private ScheduledFuture<?> timeout;

    public Call(int opCode, byte[] body, String path, ReplyReader<T> reader) {
        this.opCode = opCode;
        this.body = body;
        this.path = path;
        this.reader = reader;
    }

    public int opCode() {
        return opCode;
    }

    public byte[] body() {
        return body;
    }

    /** The path the call concerns, or null: for errors and logs. */
    public String path() {
        return path;
    }

    public ReplyFuture<T> future() {
        return future;
    }

    /** Reads the reply and completes the future; IOException when the body is malformed (future untouched). */
    public void settle(int err, long zxid, InputArchive replyBody, Executor eventThread) throws IOException {
        cancelTimeout();
        T value;
        try {
            value = reader.read(Code.of(err), zxid, replyBody);
        } catch (ChorusException e) {
            future.fail(e, eventThread);
            return;
        }
        future.succeed(value, eventThread);
    }

    /** Fails the call with a code: the reply will never come (lost connection, closed client, timeout). */
    public void fail(Code code, Executor eventThread) {
        cancelTimeout();
        future.fail(new ChorusException(code, path), eventThread);
    }

    public void setTimeout(ScheduledFuture<?> check) {
        this.timeout = check;
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    @Override
    public String toString() {
        return "opcode " + opCode + (path == null ? "" : " on " + path);
    }
}
