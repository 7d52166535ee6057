package io.chorus.testkit.check;

import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import java.nio.charset.StandardCharsets;

/** How counterexamples print values: short, and the same everywhere. */
final class Text {
    private Text() {
    }

    static String zxid(long zxid) {
        return zxid < 0 ? "?" : "0x" + Long.toHexString(zxid);
    }

    /** Printable data as a quoted string, anything else as hex; long values are cut. */
    static String bytes(byte[] data) {
        if (data == null) {
            return "null";
        }
        boolean printable = true;
        for (byte b : data) {
            if (b < 0x20 || b > 0x7e) {
                printable = false;
                break;
            }
        }
        String s;
        if (printable) {
            s = "'" + new String(data, StandardCharsets.US_ASCII) + "'";
        } else {
            StringBuilder hex = new StringBuilder("0x");
            for (byte b : data) {
                hex.append(String.format("%02x", b & 0xff));
            }
            s = hex.toString();
        }
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    static String stat(Stat s) {
        if (s == null) {
            return "null";
        }
        return "{v=" + s.version() + " czxid=" + zxid(s.czxid()) + " mzxid=" + zxid(s.mzxid())
                + (s.ephemeralOwner() != 0 ? " owner=0x" + Long.toHexString(s.ephemeralOwner()) : "") + "}";
    }

    static String op(Op op) {
        if (op instanceof Op.Create c) {
            return "create(" + c.path() + ", " + bytes(c.data()) + ", " + c.mode() + ")";
        } else if (op instanceof Op.Delete d) {
            return "delete(" + d.path() + ", v=" + d.version() + ")";
        } else if (op instanceof Op.SetData s) {
            return "setData(" + s.path() + ", " + bytes(s.data()) + ", v=" + s.version() + ")";
        } else if (op instanceof Op.Check c) {
            return "check(" + c.path() + ", v=" + c.version() + ")";
        }
        return op.getClass().getSimpleName() + "(" + op.path() + ")";
    }

    static String result(OpResult r) {
        if (r instanceof OpResult.CreateResult c) {
            return "created " + c.path() + (c.stat() == null ? "" : " " + stat(c.stat()));
        } else if (r instanceof OpResult.SetDataResult s) {
            return "set " + stat(s.stat());
        } else if (r instanceof OpResult.ErrorResult e) {
            return e.code().toString();
        } else if (r instanceof OpResult.GetDataResult g) {
            return bytes(g.data()) + " " + stat(g.stat());
        }
        return "OK";
    }
}
