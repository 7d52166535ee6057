package io.chorus.datatree.node;

/** The stat fields a node stores (ZooKeeper's StatPersisted): what snapshots carry and the digest covers. */
public record StoredStat(
        long czxid,
        long mzxid,
        long pzxid,
        long ctime,
        long mtime,
        long ephemeralOwner,
        int version,
        int cversion,
        int aversion) {

    /** A node created at {@code zxid} and {@code timeMillis}. */
    public static StoredStat created(long zxid, long timeMillis, long ephemeralOwner) {
        return new StoredStat(zxid, zxid, zxid, timeMillis, timeMillis, ephemeralOwner, 0, 0, 0);
    }
}
