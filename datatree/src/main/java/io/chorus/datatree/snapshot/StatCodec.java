package io.chorus.datatree.snapshot;

import io.chorus.datatree.node.Node;
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

    void writeCzxid(DataOutput out, long czxid) throws IOException {
        Varint.writeSigned(out, czxid - previousCzxid);
        previousCzxid = czxid;
    }

    void writeCtime(DataOutput out, long ctime) throws IOException {
        Varint.writeSigned(out, ctime - previousCtime);
        previousCtime = ctime;
    }

    /** Reads the node's fields in place: a StoredStat per node would be garbage by the million. */
    static void writeRest(DataOutput out, Node node) throws IOException {
        writeRest(out, node.czxid(), node.mzxid(), node.pzxid(), node.ctime(), node.mtime(), node.ephemeralOwner(),
                node.version(), node.cversion(), node.aversion());
    }

    static void writeRest(DataOutput out, StoredStat stat) throws IOException {
        writeRest(out, stat.czxid(), stat.mzxid(), stat.pzxid(), stat.ctime(), stat.mtime(), stat.ephemeralOwner(),
                stat.version(), stat.cversion(), stat.aversion());
    }

    private static void writeRest(DataOutput out, long czxid, long mzxid, long pzxid, long ctime, long mtime,
            long ephemeralOwner, int version, int cversion, int aversion) throws IOException {
        Varint.writeSigned(out, mzxid - czxid);
        Varint.writeSigned(out, pzxid - czxid);
        Varint.writeSigned(out, mtime - ctime);
        Varint.writeSigned(out, ephemeralOwner);
        Varint.writeSigned(out, version);
        Varint.writeSigned(out, cversion);
        Varint.writeSigned(out, aversion);
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
