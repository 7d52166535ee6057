package io.chorus.datatree.snapshot;

import io.chorus.datatree.node.StoredStat;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A node's stat in few bytes, spread over three columns of a node batch (see {@link SnapshotFormat}):
 * czxid and ctime as differences from the previous node's (nodes next to each other in pre-order were
 * mostly created close together, siblings often at a steady stride), and the rest relative to those:
 * mzxid and pzxid as differences from czxid, mtime from ctime, then the owner and the three versions as
 * they are. All are zigzag varints, so a node created and never changed costs a handful of bytes that
 * compress to almost nothing. The differences wrap like Java's long arithmetic, so any values
 * round-trip exactly.
 *
 * <p>Remembers the previous node's czxid and ctime: one instance per snapshot, used in record order,
 * each column in turn for a batch (all czxids, then all ctimes, then all the rest).
 */
final class StatCodec {
    private long previousCzxid;
    private long previousCtime;

    void writeCzxid(DataOutput out, StoredStat stat) throws IOException {
        Varint.writeSigned(out, stat.czxid() - previousCzxid);
        previousCzxid = stat.czxid();
    }

    void writeCtime(DataOutput out, StoredStat stat) throws IOException {
        Varint.writeSigned(out, stat.ctime() - previousCtime);
        previousCtime = stat.ctime();
    }

    static void writeRest(DataOutput out, StoredStat stat) throws IOException {
        Varint.writeSigned(out, stat.mzxid() - stat.czxid());
        Varint.writeSigned(out, stat.pzxid() - stat.czxid());
        Varint.writeSigned(out, stat.mtime() - stat.ctime());
        Varint.writeSigned(out, stat.ephemeralOwner());
        Varint.writeSigned(out, stat.version());
        Varint.writeSigned(out, stat.cversion());
        Varint.writeSigned(out, stat.aversion());
    }

    long readCzxid(DataInput in) throws IOException {
        previousCzxid += Varint.readSigned(in, "czxid");
        return previousCzxid;
    }

    long readCtime(DataInput in) throws IOException {
        previousCtime += Varint.readSigned(in, "ctime");
        return previousCtime;
    }

    static StoredStat readRest(DataInput in, long czxid, long ctime) throws IOException {
        long mzxid = czxid + Varint.readSigned(in, "mzxid");
        long pzxid = czxid + Varint.readSigned(in, "pzxid");
        long mtime = ctime + Varint.readSigned(in, "mtime");
        long ephemeralOwner = Varint.readSigned(in, "ephemeral owner");
        int version = Varint.readSignedInt(in, "version");
        int cversion = Varint.readSignedInt(in, "cversion");
        int aversion = Varint.readSignedInt(in, "aversion");
        return new StoredStat(czxid, mzxid, pzxid, ctime, mtime, ephemeralOwner, version, cversion, aversion);
    }
}
