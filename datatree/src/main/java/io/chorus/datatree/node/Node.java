package io.chorus.datatree.node;

import io.chorus.api.Acl;
import io.chorus.api.Stat;
import io.chorus.datatree.acl.AclList;
import io.chorus.datatree.codec.Cesu8;
import java.util.List;

/**
 * One znode, packed for memory: its name (not its path) and data share one byte array, the stat is
 * primitives, the ACL is interned, and children live in a {@link ChildTable} that exists only while
 * there are children. The stat fields are ZooKeeper's persisted ones: {@link #cversion()} counts child
 * creations (what sequential names use); clients see it translated by {@link #toStat}.
 *
 * <p>Nodes whose {@link #generation()} is below the store's copy-on-write mark belong to an open
 * snapshot and are never modified; the store copies them first. Apply thread only.
 */
public final class Node {
    private static final byte[] EMPTY = new byte[0];
    private static final int DATA_IS_NULL = 0x8000_0000;

    /** Name bytes (CESU-8) followed by the data bytes. Replaced, never written to, once published. */
    private byte[] nameAndData;
    /** The name's length; the sign bit records null data (ZooKeeper keeps null apart from empty). */
    private int nameLengthAndNullFlag;
    private AclList acl;
    private ChildTable children;
    private final int generation;
    /**
     * {@link ChildTable#hashName} of the name, kept so a child-table probe rejects a mismatch without
     * reading the name bytes (another object, so another cache miss). It fills what was padding.
     */
    private final int nameHash;
    long czxid;
    long mzxid;
    long pzxid;
    long ctime;
    long mtime;
    long ephemeralOwner;
    int version;
    int cversion;
    int aversion;

    Node(byte[] name, int nameOffset, int nameLength, byte[] data, AclList acl, StoredStat stat, int generation) {
        this.generation = generation;
        this.acl = acl;
        this.nameAndData = join(name, nameOffset, nameLength, data);
        this.nameLengthAndNullFlag = nameLength | (data == null ? DATA_IS_NULL : 0);
        this.nameHash = ChildTable.hashName(name, nameOffset, nameLength);
        czxid = stat.czxid();
        mzxid = stat.mzxid();
        pzxid = stat.pzxid();
        ctime = stat.ctime();
        mtime = stat.mtime();
        ephemeralOwner = stat.ephemeralOwner();
        version = stat.version();
        cversion = stat.cversion();
        aversion = stat.aversion();
    }

    private Node(Node from, int generation) {
        this.generation = generation;
        nameAndData = from.nameAndData;
        nameLengthAndNullFlag = from.nameLengthAndNullFlag;
        nameHash = from.nameHash;
        acl = from.acl;
        children = from.children;
        czxid = from.czxid;
        mzxid = from.mzxid;
        pzxid = from.pzxid;
        ctime = from.ctime;
        mtime = from.mtime;
        ephemeralOwner = from.ephemeralOwner;
        version = from.version;
        cversion = from.cversion;
        aversion = from.aversion;
    }

    /** A copy in a newer generation; it shares data, ACL and child table (the table is copied on its first write). */
    Node copyInto(int newGeneration) {
        return new Node(this, newGeneration);
    }

    public int generation() {
        return generation;
    }

    // ---- name

    public int nameLength() {
        return nameLengthAndNullFlag & ~DATA_IS_NULL;
    }

    public String name() {
        return Cesu8.decodeTrusted(nameAndData, 0, nameLength());
    }

    /** The array whose first {@link #nameLength()} bytes are the name; callers must not modify it. */
    public byte[] nameBytesShared() {
        return nameAndData;
    }

    boolean nameEquals(byte[] bytes, int offset, int length) {
        if (length != nameLength()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (nameAndData[i] != bytes[offset + i]) {
                return false;
            }
        }
        return true;
    }

    int nameHash() {
        return nameHash;
    }

    // ---- data

    public boolean dataIsNull() {
        return (nameLengthAndNullFlag & DATA_IS_NULL) != 0;
    }

    public int dataLength() {
        return nameAndData.length - nameLength();
    }

    /** A copy of the data, or null when the node was given null data. */
    public byte[] dataCopy() {
        if (dataIsNull()) {
            return null;
        }
        byte[] out = new byte[dataLength()];
        System.arraycopy(nameAndData, nameLength(), out, 0, out.length);
        return out;
    }

    /** The array holding the data at {@link #dataOffset()}; callers must not modify it. */
    public byte[] dataShared() {
        return nameAndData;
    }

    public int dataOffset() {
        return nameLength();
    }

    void replaceData(byte[] data) {
        int nameLength = nameLength();
        nameAndData = join(nameAndData, 0, nameLength, data);
        nameLengthAndNullFlag = nameLength | (data == null ? DATA_IS_NULL : 0);
    }

    // ---- acl and children

    public AclList aclList() {
        return acl;
    }

    public List<Acl> acl() {
        return acl.acls();
    }

    void replaceAcl(AclList newAcl) {
        acl = newAcl;
    }

    public int childCount() {
        return children == null ? 0 : children.size();
    }

    /** The child table (null when childless); read only outside the store. */
    ChildTable children() {
        return children;
    }

    void replaceChildren(ChildTable table) {
        children = table;
    }

    public Node child(byte[] name, int offset, int length) {
        return children == null ? null : children.get(name, offset, length);
    }

    /** The children in table order (any order), as a new array. */
    public Node[] childrenArray() {
        return children == null ? new Node[0] : children.toArray();
    }

    // ---- stat

    public long czxid() {
        return czxid;
    }

    public long mzxid() {
        return mzxid;
    }

    public long pzxid() {
        return pzxid;
    }

    public long ctime() {
        return ctime;
    }

    public long mtime() {
        return mtime;
    }

    public long ephemeralOwner() {
        return ephemeralOwner;
    }

    public int version() {
        return version;
    }

    /** ZooKeeper's persisted cversion: the number of children ever created (sequential names come from it). */
    public int cversion() {
        return cversion;
    }

    public int aversion() {
        return aversion;
    }

    /**
     * The stat a client sees, as ZooKeeper's DataNode.copyStat builds it: cversion counts creations and
     * deletions (2 x creations - children), and ephemeralOwner shows only real sessions (0 for
     * containers and TTL nodes).
     */
    public Stat toStat(boolean extendedTypesEnabled) {
        int numChildren = childCount();
        return new Stat(czxid, mzxid, ctime, mtime, version, cversion * 2 - numChildren, aversion,
                EphemeralOwner.visible(ephemeralOwner, extendedTypesEnabled), dataLength(), numChildren, pzxid);
    }

    private static byte[] join(byte[] name, int nameOffset, int nameLength, byte[] data) {
        int dataLength = data == null ? 0 : data.length;
        if (nameLength == 0 && dataLength == 0) {
            return EMPTY;
        }
        byte[] joined = new byte[nameLength + dataLength];
        System.arraycopy(name, nameOffset, joined, 0, nameLength);
        if (dataLength > 0) {
            System.arraycopy(data, 0, joined, nameLength, dataLength);
        }
        return joined;
    }

    @Override
    public String toString() {
        return "Node[" + name() + ", mzxid=0x" + Long.toHexString(mzxid) + ", children=" + childCount() + "]";
    }
}
