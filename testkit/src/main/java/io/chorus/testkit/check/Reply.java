package io.chorus.testkit.check;

import io.chorus.api.Code;
import java.util.Objects;

/**
 * The reply a client received.
 *
 * @param millis     simulated time the client received it
 * @param receiveSeq the client's receive sequence number, shared with its watch notifications, so
 *                   the watch-order checker knows which came first
 * @param code       the reply's error code ({@link Code#OK} on success). An absent existing node
 *                   is recorded as the wire does it: {@code exists} of an absent path is NONODE
 * @param zxid       the zxid in the reply header. For a successful write ZooKeeper puts the
 *                   transaction's own zxid there, and the checkers rely on that; for reads it is the
 *                   serving replica's last applied zxid
 * @param result     what a successful reply (or a failed multi) carried
 */
public record Reply(long millis, long receiveSeq, Code code, long zxid, Result result) {
    public Reply {
        Objects.requireNonNull(code, "code");
        result = result == null ? Result.none() : result;
    }

    public boolean ok() {
        return code == Code.OK;
    }

    @Override
    public String toString() {
        String r = result.toString();
        return code + " zxid=" + Text.zxid(zxid) + (r.isEmpty() ? "" : " " + r);
    }
}
