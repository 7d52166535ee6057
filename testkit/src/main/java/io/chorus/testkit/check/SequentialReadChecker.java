package io.chorus.testkit.check;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads are sequentially consistent: a read answered at zxid z (the zxid in its reply header, the
 * serving replica's last applied transaction) shows the znode as the committed order leaves it after z.
 * Checked against the acknowledged writes, whose zxids are known:
 * <ul>
 *   <li>a read's Stat never shows a change from after z (czxid, mzxid &le; z);</li>
 *   <li>a read does not miss an acknowledged write on its path with zxid in (mzxid, z];</li>
 *   <li>when the write at the read's mzxid is known, a getData returns that write's data;</li>
 *   <li>a NONODE read at z comes after a delete: not answered while the last acknowledged write at or
 *       before z left the node present, unless a delete of unknown zxid (an unanswered delete, a
 *       session end) could explain it.</li>
 * </ul>
 * Operations whose outcome is unknown never make a read wrong here; they can only excuse it.
 */
public final class SequentialReadChecker implements Checker {

    private record KnownWrite(long zxid, boolean presentAfter, byte[] data, ClientOp op) {
    }

    @Override
    public String name() {
        return "sequentially-consistent-reads";
    }

    @Override
    public CheckResult check(History history) {
        Map<String, NavigableMap<Long, KnownWrite>> writes = new HashMap<>();
        Set<String> mayVanishUnseen = new HashSet<>();
        Map<Long, Set<String>> ephemeralsBySession = new HashMap<>();
        for (ClientOp op : history.ops()) {
            collectWrites(op, writes, mayVanishUnseen, ephemeralsBySession);
        }
        for (ClientOp op : history.ops()) {
            if (op.kind() == OpKind.CLOSE_SESSION) {
                mayVanishUnseen.addAll(ephemeralsBySession.getOrDefault(op.session(), Set.of()));
            }
        }
        List<String> problems = new ArrayList<>();
        for (ClientOp op : history.ops()) {
            if (op.kind().isRead() && op.reply() != null && op.reply().zxid() >= 0) {
                checkRead(op, writes.getOrDefault(op.call().path(), new TreeMap<>()),
                        mayVanishUnseen.contains(op.call().path()), problems);
            }
        }
        return CheckResult.of(name(), problems);
    }

    private static void checkRead(ClientOp read, NavigableMap<Long, KnownWrite> writes, boolean mayVanish,
                                  List<String> problems) {
        Reply reply = read.reply();
        long z = reply.zxid();
        if (reply.code() == Code.NONODE) {
            Map.Entry<Long, KnownWrite> last = writes.floorEntry(z);
            if (last != null && last.getValue().presentAfter() && !mayVanish) {
                problems.add("read saw no node at zxid " + Text.zxid(z) + ": " + read
                        + "\n  but " + last.getValue().op() + "\n  had left it present at "
                        + Text.zxid(last.getKey()) + " and nothing deletes it before " + Text.zxid(z));
            }
            return;
        }
        Stat st = reply.result().stat();
        if (!reply.ok() || st == null) {
            return;
        }
        if (st.mzxid() > z || st.czxid() > z) {
            problems.add("read at zxid " + Text.zxid(z) + " shows a later change: " + read);
            return;
        }
        Map.Entry<Long, KnownWrite> missed = writes.higherEntry(st.mzxid());
        if (missed != null && missed.getKey() <= z) {
            problems.add("read at zxid " + Text.zxid(z) + " is stale: " + read + "\n  misses " + missed.getValue().op()
                    + "\n  at " + Text.zxid(missed.getKey()));
            return;
        }
        KnownWrite source = writes.get(st.mzxid());
        if (source != null && (!source.presentAfter()
                || (read.kind() == OpKind.GET_DATA && !Arrays.equals(source.data(), dataOf(reply))))) {
            problems.add("read does not show the write it names (mzxid " + Text.zxid(st.mzxid()) + "): " + read
                    + "\n  that write is " + source.op());
        }
    }

    private static byte[] dataOf(Reply reply) {
        byte[] d = reply.result().dataUnsafe();
        return d == null ? new byte[0] : d;
    }

    private static void collectWrites(ClientOp op, Map<String, NavigableMap<Long, KnownWrite>> writes,
                                      Set<String> mayVanishUnseen, Map<Long, Set<String>> ephemeralsBySession) {
        Invocation call = op.call();
        if (!call.kind().isWrite() || call.kind() == OpKind.CLOSE_SESSION) {
            return;
        }
        boolean acked = op.acknowledgedWrite() && op.reply().zxid() > 0;
        boolean unknown = !op.outcomeKnown();
        List<Op> subs = call.kind() == OpKind.MULTI ? call.ops() : List.of(single(call));
        List<OpResult> results = op.reply() == null ? null : op.reply().result().results();
        for (int i = 0; i < subs.size(); i++) {
            Op sub = subs.get(i);
            String path = sub.path();
            if (sub instanceof Op.Create c) {
                CreateMode mode = c.mode() == null ? CreateMode.PERSISTENT : c.mode();
                if (mode.isSequential()) {
                    path = null;
                    if (acked) {
                        path = results != null && i < results.size() && results.get(i) instanceof OpResult.CreateResult cr
                                ? cr.path() : op.reply().result().createdPath();
                    }
                }
                if (path != null && mode.isEphemeral()) {
                    ephemeralsBySession.computeIfAbsent(op.session(), k -> new HashSet<>()).add(path);
                }
                if (acked && path != null) {
                    put(writes, path, new KnownWrite(op.reply().zxid(), true, c.data() == null ? new byte[0] : c.data(), op));
                }
            } else if (sub instanceof Op.SetData s && acked) {
                put(writes, path, new KnownWrite(op.reply().zxid(), true, s.data() == null ? new byte[0] : s.data(), op));
            } else if (sub instanceof Op.Delete) {
                if (acked) {
                    put(writes, path, new KnownWrite(op.reply().zxid(), false, null, op));
                } else if (unknown) {
                    mayVanishUnseen.add(path);
                }
            }
        }
    }

    private static void put(Map<String, NavigableMap<Long, KnownWrite>> writes, String path, KnownWrite w) {
        // In a multi touching one path twice the later step wins, as it does in the tree.
        writes.computeIfAbsent(path, k -> new TreeMap<>()).put(w.zxid(), w);
    }

    private static Op single(Invocation call) {
        return switch (call.kind()) {
            case CREATE -> new Op.Create(call.path(), call.data(), List.of(), call.mode());
            case DELETE -> new Op.Delete(call.path(), call.version());
            case SET_DATA -> new Op.SetData(call.path(), call.data(), call.version());
            default -> new Op.Check(call.path(), call.version());
        };
    }
}
