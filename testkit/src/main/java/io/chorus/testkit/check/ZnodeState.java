package io.chorus.testkit.check;

import java.util.Arrays;

/**
 * What the linearizability model knows about one znode: absent, or present with its data, data
 * version, ephemeral owner and the zxids that created and last modified it. Immutable.
 *
 * <p>Data, version and owner are always known (they follow from the operations' inputs). The zxids are
 * {@link #UNKNOWN_ZXID} after a write whose outcome the client never learned: the model knows what it
 * did but not at which zxid; a later read's Stat then pins it down. Children, cversion, ACLs and
 * times are not modelled (see {@link ZnodeModel}).
 */
public final class ZnodeState {
    public static final long UNKNOWN_ZXID = -1;
    public static final ZnodeState ABSENT = new ZnodeState(false, null, 0, 0, 0, 0);

    private final boolean exists;
    private final byte[] data;
    private final int version;
    private final long czxid;
    private final long mzxid;
    private final long owner;
    private final int hash;

    private ZnodeState(boolean exists, byte[] data, int version, long czxid, long mzxid, long owner) {
        this.exists = exists;
        this.data = data;
        this.version = version;
        this.czxid = czxid;
        this.mzxid = mzxid;
        this.owner = owner;
        this.hash = exists ? ((Arrays.hashCode(data) * 31 + version) * 31 + Long.hashCode(czxid)) * 31
                + Long.hashCode(mzxid) * 7 + Long.hashCode(owner) : 0;
    }

    /** A present znode; {@code owner} is the ephemeral owner's session, 0 for a persistent node. */
    public static ZnodeState present(byte[] data, int version, long czxid, long mzxid, long owner) {
        return new ZnodeState(true, data == null ? new byte[0] : data.clone(), version, czxid, mzxid, owner);
    }

    /** The state ZooKeeper's system nodes ("/", "/zookeeper", ...) start in: empty, version 0, zxid 0. */
    public static ZnodeState systemNode() {
        return present(new byte[0], 0, 0, 0, 0);
    }

    public boolean exists() {
        return exists;
    }

    byte[] data() {
        return data;
    }

    public int version() {
        return version;
    }

    public long czxid() {
        return czxid;
    }

    public long mzxid() {
        return mzxid;
    }

    public long owner() {
        return owner;
    }

    ZnodeState withData(byte[] newData, long zxid) {
        return new ZnodeState(true, newData, version + 1, czxid, zxid, owner);
    }

    ZnodeState withZxids(long newCzxid, long newMzxid) {
        return new ZnodeState(true, data, version, newCzxid, newMzxid, owner);
    }

    static ZnodeState created(byte[] data, long zxid, long owner) {
        return new ZnodeState(true, data == null ? new byte[0] : data, 0, zxid, zxid, owner);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ZnodeState s) || hash != s.hash || exists != s.exists) {
            return false;
        }
        return !exists || (version == s.version && czxid == s.czxid && mzxid == s.mzxid && owner == s.owner
                && Arrays.equals(data, s.data));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        if (!exists) {
            return "absent";
        }
        return "present{data=" + Text.bytes(data) + " v=" + version + " czxid=" + Text.zxid(czxid)
                + " mzxid=" + Text.zxid(mzxid) + (owner != 0 ? " owner=0x" + Long.toHexString(owner) : "") + "}";
    }
}
