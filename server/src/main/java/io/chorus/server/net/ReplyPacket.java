package io.chorus.server.net;

import org.apache.jute.Record;
import org.apache.zookeeper.proto.ReplyHeader;

/** A reply (or notification, xid -1) as it goes out: header and optional body record. */
public record ReplyPacket(ReplyHeader header, Record body) {
    public ReplyPacket(int xid, long zxid, int err, Record body) {
        this(new ReplyHeader(xid, zxid, err), body);
    }
}
