package io.chorus.testkit.check;

import io.chorus.api.Code;
import io.chorus.api.Stat;
import java.util.Arrays;
import java.util.List;

/**
 * The sequential specification of one znode, as ZooKeeper's PrepRequestProcessor and DataTree define
 * it, projected onto a single path.
 *
 * <p>What the projection keeps: existence, data, data version, ephemeral owner, czxid and mzxid;
 * create (NODEEXISTS when present), delete, setData and check with expected versions (NONODE when
 * absent, BADVERSION on a mismatch), reads as observations (NONODE, or data and Stat), a child's create
 * as an observation of its parent (OK or NODEEXISTS: the parent was present; NONODE: absent;
 * NOCHILDRENFOREPHEMERALS: present and ephemeral), and the end of a session deleting its ephemeral node.
 *
 * <p>What it leaves open, and so accepts either way: whether a node has children. A delete whose
 * version matches may answer OK or NOTEMPTY; a create on an absent node may answer NONODE or
 * NOCHILDRENFOREPHEMERALS (the parent decides). Children lists, cversion, pzxid, ACLs and times are
 * not checked. Each such choice makes the check weaker, never wrong.
 */
final class ZnodeModel {
    private ZnodeModel() {
    }

    /** The states the znode may be in after {@code op}; empty when {@code op} cannot happen in {@code s}. */
    static List<ZnodeState> step(ZnodeState s, ZnodeOp op) {
        ZnodeState end = run(s, op, null);
        switch (op.certainty()) {
            case APPLIED:
                return end == null ? List.of() : List.of(end);
            case ROLLED_BACK:
                return end == null ? List.of() : List.of(s);
            default:
                return end == null || end.equals(s) ? List.of(s) : List.of(s, end);
        }
    }

    /** Why {@code op} cannot happen in {@code s}, for counterexamples (null when it can). */
    static String whyNot(ZnodeState s, ZnodeOp op) {
        if (op.certainty() == ZnodeOp.Certainty.UNKNOWN) {
            return null;
        }
        StringBuilder why = new StringBuilder();
        return run(s, op, why) == null ? why.toString() : null;
    }

    private static ZnodeState run(ZnodeState s, ZnodeOp op, StringBuilder why) {
        ZnodeState cur = s;
        for (ZnodeAction a : op.actions()) {
            ZnodeState next = apply(cur, a, op.zxid());
            if (next == null) {
                if (why != null) {
                    why.append(a).append(" is impossible when the znode is ").append(cur);
                }
                return null;
            }
            cur = next;
        }
        return cur;
    }

    /** One step; null when the observed outcome cannot come from {@code s}. */
    static ZnodeState apply(ZnodeState s, ZnodeAction a, long zxid) {
        Code expect = a.expect();
        switch (a.type()) {
            case CREATE:
                if (expect == Code.OK) {
                    return s.exists() ? null : ZnodeState.created(a.data(), zxid, a.owner());
                }
                if (expect == Code.NODEEXISTS) {
                    return s.exists() ? s : null;
                }
                return s.exists() ? null : s; // NONODE or NOCHILDRENFOREPHEMERALS: the parent's business
            case DELETE:
            case SET:
            case CHECK:
                if (!s.exists()) {
                    return expect == Code.NONODE ? s : null;
                }
                boolean matches = a.version() == -1 || a.version() == s.version();
                if (!matches) {
                    return expect == Code.BADVERSION ? s : null;
                }
                if (a.type() == ZnodeAction.Type.DELETE) {
                    return expect == Code.OK ? ZnodeState.ABSENT : expect == Code.NOTEMPTY ? s : null;
                }
                if (expect != Code.OK) {
                    return null;
                }
                if (a.type() == ZnodeAction.Type.CHECK) {
                    return s;
                }
                ZnodeState written = s.withData(a.data(), zxid);
                Stat st = a.stat();
                if (st != null && (st.version() != written.version()
                        || (zxid != ZnodeState.UNKNOWN_ZXID && st.mzxid() != zxid))) {
                    return null;
                }
                return written;
            case READ:
                if (expect == Code.NONODE) {
                    return s.exists() ? null : s;
                }
                if (!s.exists() || (a.data() != null && !Arrays.equals(a.data(), s.data()))) {
                    return null;
                }
                return observeStat(s, a.stat());
            case PARENT_OF_CREATE:
                if (expect == Code.NONODE) {
                    return s.exists() ? null : s;
                }
                if (!s.exists()) {
                    return null;
                }
                return expect != Code.NOCHILDRENFOREPHEMERALS || s.owner() != 0 ? s : null;
            case CLOSE:
                return s.exists() && s.owner() == a.owner() ? ZnodeState.ABSENT : s;
            default:
                throw new IllegalStateException(a.type().toString());
        }
    }

    /** A read's Stat must agree with what the model knows, and pins down the zxids it did not know. */
    private static ZnodeState observeStat(ZnodeState s, Stat st) {
        if (st == null) {
            return s;
        }
        if (st.version() != s.version() || st.ephemeralOwner() != s.owner()) {
            return null;
        }
        long c = s.czxid();
        long m = s.mzxid();
        if ((c != ZnodeState.UNKNOWN_ZXID && c != st.czxid()) || (m != ZnodeState.UNKNOWN_ZXID && m != st.mzxid())) {
            return null;
        }
        return c == st.czxid() && m == st.mzxid() ? s : s.withZxids(st.czxid(), st.mzxid());
    }
}
