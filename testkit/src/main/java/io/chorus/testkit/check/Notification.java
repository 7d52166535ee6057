package io.chorus.testkit.check;

import io.chorus.api.EventType;
import java.util.Objects;

/**
 * A watch notification a client received.
 *
 * @param client     the client
 * @param session    the session it arrived on
 * @param path       the watched path
 * @param type       the event
 * @param zxid       the zxid of the transaction that triggered it. ZooKeeper's wire header carries
 *                   -1 here, so the simulator must record the triggering transaction's zxid itself
 * @param millis     simulated time the client received it
 * @param receiveSeq the client's receive sequence number, shared with its replies
 */
public record Notification(int client, long session, String path, EventType type, long zxid, long millis,
                           long receiveSeq) {
    public Notification {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return "watch c" + client + "/s0x" + Long.toHexString(session) + " " + type + " " + path
                + " zxid=" + Text.zxid(zxid) + " @" + millis + " (seq " + receiveSeq + ")";
    }
}
