package io.chorus.testkit.check;

import io.chorus.api.Code;
import io.chorus.api.Stat;
import java.util.Arrays;
import java.util.Objects;

/**
 * One step of an operation as seen by a single znode, with the outcome the client observed.
 *
 * @param type       what the step does to or asks of the znode
 * @param data       the data written (CREATE, SET) or read (READ with a data result), else null
 * @param version    the expected version of DELETE, SET and CHECK (-1 = any)
 * @param owner      for CREATE the ephemeral owner (0 = persistent); for CLOSE the ending session
 * @param expect     the code the client saw for this step
 * @param stat       a Stat the client saw with an OK outcome (read, setData), or null
 */
record ZnodeAction(Type type, byte[] data, int version, long owner, Code expect, Stat stat) {

    enum Type {
        CREATE,
        DELETE,
        SET,
        CHECK,
        /** getData (with data), exists or getChildren: OK means present (Stat and data must match), NONODE absent. */
        READ,
        /** A create of a child happened: OK = this znode was present, NONODE = absent, NOCHILDRENFOREPHEMERALS = present and ephemeral. */
        PARENT_OF_CREATE,
        /** The session {@code owner} ended: its ephemeral node goes away. */
        CLOSE
    }

    @Override
    public String toString() {
        String what = switch (type) {
            case CREATE -> "create(" + Text.bytes(data) + (owner != 0 ? ", ephemeral" : "") + ")";
            case DELETE -> "delete(v=" + version + ")";
            case SET -> "setData(" + Text.bytes(data) + ", v=" + version + ")";
            case CHECK -> "check(v=" + version + ")";
            case READ -> "read";
            case PARENT_OF_CREATE -> "create of a child";
            case CLOSE -> "end of session 0x" + Long.toHexString(owner);
        };
        String seen = expect + (stat != null ? " " + Text.stat(stat) : "") + (type == Type.READ && data != null
                ? " data=" + Text.bytes(data) : "");
        return what + " -> " + seen;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZnodeAction a && type == a.type && Arrays.equals(data, a.data) && version == a.version
                && owner == a.owner && expect == a.expect && Objects.equals(stat, a.stat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(data), version, owner, expect, stat);
    }
}
