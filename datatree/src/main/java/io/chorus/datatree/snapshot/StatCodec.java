package io.chorus.datatree.snapshot;

import io.chorus.datatree.node.StoredStat;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A node's stat in few bytes: czxid and ctime as differences from the previous node's (nodes next to
 * each other in pre-order were mostly created close together), mzxid and pzxid as differences from
 * czxid, mtime from ctime, and the owner and the three versions as they are, all zigzag varints. A
 * node created and never changed takes about ten bytes instead of sixty-four. The differences wrap
 * like Java's long arithmetic, so any values round-trip exactly.
 *
 * <p>Remembers the previous node's czxid and ctime: one instance per snapshot, used in record order.
 */
final class StatCodec {
    private long previousCzxid;
    private long previousCtime;

    void write(DataOutput out, StoredStat stat) throws IOException {
        Varint.writeSigned(out, stat.czxid() - previousCzxid);
        Varint.writeSigned(out, stat.mzxid() - stat.czxid());
        Varint.writeSigned(out, stat.pzxid() - stat.czxid());
        Varint.writeSigned(out, stat.ctime() - previousCtime);
        Varint.writeSigned(out, stat.mtime() - stat.ctime());
        Varint.writeSigned(out, stat.ephemeralOwner());
        Varint.writeSigned(out, stat.version());
        Varint.writeSigned(out, stat.cversion());
        Varint.writeSigned(out, stat.aversion());
        previousCzxid = stat.czxid();
        previousCtime = stat.ctime();
    }

    StoredStat read(DataInput in) throws IOException {
        long czxid = previousCzxid + Varint.readSigned(in, "czxid");
        long mzxid = czxid + Varint.readSigned(in, "mzxid");
        long pzxid = czxid + Varint.readSigned(in, "pzxid");
        long ctime = previousCtime + Varint.readSigned(in, "ctime");
        long mtime = ctime + Varint.readSigned(in, "mtime");
        long ephemeralOwner = Varint.readSigned(in, "ephemeral owner");
        int version = Varint.readSignedInt(in, "version");
        int cversion = Varint.readSignedInt(in, "cversion");
        int aversion = Varint.readSignedInt(in, "aversion");
        previousCzxid = czxid;
        previousCtime = ctime;
        return new StoredStat(czxid, mzxid, pzxid, ctime, mtime, ephemeralOwner, version, cversion, aversion);
    }
}
