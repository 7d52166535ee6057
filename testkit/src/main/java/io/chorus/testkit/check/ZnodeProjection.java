package io.chorus.testkit.check;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits a history into one sub-history per znode (P-compositionality: a history is linearizable
 * when each object's sub-history is, as long as every operation touches one object).
 *
 * <p>Multis touch several znodes, so projecting them is a necessary, not a sufficient, check of their
 * atomicity: each znode's search may place the multi at a different point. The same goes for a create,
 * which also lands on its parent's sub-history as an observation of the parent's existence.
 *
 * <p>Sequential creates belong to the path the server returned. One whose reply never came could have
 * created any name {@code prefix + 10 digits}; it is offered to every such path the history mentions.
 *
 * <p>Container and TTL znodes are left out (with a note): the server deletes them on its own, and no
 * operation in the history says when.
 */
final class ZnodeProjection {
    /** Error codes that are observations of a znode's state; other definite errors did nothing and say nothing. */
    private static final Set<Code> OBSERVATIONS =
            EnumSet.of(Code.NONODE, Code.NODEEXISTS, Code.BADVERSION, Code.NOTEMPTY, Code.NOCHILDRENFOREPHEMERALS);

    /** Which reads become observations in the linearizability check. */
    enum Reads {
        NONE,
        /** Only reads held to linearizability: LINEARIZABLE and LEADER ({@link Invocation#linearizable()}). */
        LINEARIZABLE,
        /** Every read: right for a history whose reads all claim linearizability, or for testing the checker. */
        ALL
    }

    private final Reads reads;
    private final NavigableSet<String> paths = new TreeSet<>();
    private final Map<String, List<ZnodeOp>> byPath = new LinkedHashMap<>();
    private final Map<Long, Set<String>> ephemeralPaths = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> selfDeleting = new TreeSet<>();

    private ZnodeProjection(Reads reads) {
        this.reads = reads;
    }

    /** The per-znode sub-histories, keyed by path, plus notes on what could not be projected. */
    record Projected(Map<String, List<ZnodeOp>> byPath, List<String> notes) {
    }

    static Projected project(History history, Reads reads) {
        ZnodeProjection p = new ZnodeProjection(reads);
        p.collectPaths(history);
        List<ClientOp> closes = new ArrayList<>();
        for (ClientOp op : history.ops()) {
            if (op.kind() == OpKind.CLOSE_SESSION) {
                closes.add(op);
            } else {
                p.projectOne(op);
            }
        }
        for (ClientOp close : closes) {
            p.projectClose(close);
        }
        for (String path : p.selfDeleting) {
            if (p.byPath.remove(path) != null) {
                p.notes.add("znode " + path + " not checked: container and TTL nodes are deleted by the server on its own");
            }
        }
        return new Projected(p.byPath, p.notes);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.equals("/")) {
            return null;
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private void collectPaths(History history) {
        for (ClientOp op : history.ops()) {
            Invocation c = op.call();
            if (c.kind() == OpKind.CREATE) {
                if (c.mode() == null || !c.mode().isSequential()) {
                    paths.add(c.path());
                }
            } else if (c.kind() == OpKind.MULTI) {
                for (Op sub : c.ops()) {
                    if (!(sub instanceof Op.Create cr && cr.mode() != null && cr.mode().isSequential())) {
                        paths.add(sub.path());
                    }
                }
            } else if (c.path() != null) {
                paths.add(c.path());
            }
            if (op.reply() != null) {
                Result r = op.reply().result();
                if (r.createdPath() != null) {
                    paths.add(r.createdPath());
                }
                if (r.results() != null) {
                    for (OpResult sub : r.results()) {
                        if (sub instanceof OpResult.CreateResult cr && cr.path() != null) {
                            paths.add(cr.path());
                        }
                    }
                }
            }
        }
    }

    private void projectOne(ClientOp op) {
        Invocation call = op.call();
        Reply reply = op.reply();
        if (call.kind() == OpKind.SYNC) {
            return;
        }
        if (call.kind().isRead()) {
            projectRead(op);
            return;
        }
        List<Op> subs = call.kind() == OpKind.MULTI ? call.ops() : List.of(asOp(call));
        ZnodeOp.Certainty certainty;
        if (reply == null || Outcomes.isIndeterminate(reply.code())) {
            certainty = ZnodeOp.Certainty.UNKNOWN;
        } else if (reply.ok() || call.kind() != OpKind.MULTI) {
            if (!reply.ok() && !OBSERVATIONS.contains(reply.code())) {
                return; // refused outright (NOAUTH, BADARGUMENTS, ...): no effect, nothing observed
            }
            certainty = ZnodeOp.Certainty.APPLIED;
        } else {
            if (reply.result().results() == null) {
                return; // a failed multi without per-operation results: no effect, nothing to check
            }
            certainty = ZnodeOp.Certainty.ROLLED_BACK;
        }
        long zxid = certainty == ZnodeOp.Certainty.APPLIED && reply.ok() && reply.zxid() > 0
                ? reply.zxid() : ZnodeState.UNKNOWN_ZXID;
        List<OpResult> results = reply == null ? null : reply.result().results();
        Map<String, List<ZnodeAction>> actions = new LinkedHashMap<>();
        for (int i = 0; i < subs.size(); i++) {
            Op sub = subs.get(i);
            Code expect;
            OpResult subResult = results != null && i < results.size() ? results.get(i) : null;
            if (certainty == ZnodeOp.Certainty.UNKNOWN) {
                expect = Code.OK;
            } else if (certainty == ZnodeOp.Certainty.APPLIED) {
                expect = reply.code();
            } else {
                expect = subResult instanceof OpResult.ErrorResult e ? e.code() : Code.OK;
                if (expect == Code.RUNTIMEINCONSISTENCY) {
                    break; // after the failing operation nothing was evaluated
                }
                if (expect != Code.OK && !OBSERVATIONS.contains(expect)) {
                    break;
                }
            }
            boolean knownOk = certainty == ZnodeOp.Certainty.APPLIED && expect == Code.OK;
            projectWriteStep(op, sub, expect, knownOk ? subResult : null, certainty, actions);
            if (certainty == ZnodeOp.Certainty.ROLLED_BACK && expect != Code.OK) {
                break;
            }
        }
        long response = certainty == ZnodeOp.Certainty.UNKNOWN ? Long.MAX_VALUE : reply.millis();
        actions.forEach((path, list) -> add(path, new ZnodeOp(op, op.invokeMillis(), response, certainty, list, zxid)));
    }

    private void projectWriteStep(ClientOp op, Op sub, Code expect, OpResult subResult, ZnodeOp.Certainty certainty,
                                  Map<String, List<ZnodeAction>> actions) {
        if (sub instanceof Op.Create c) {
            CreateMode mode = c.mode() == null ? CreateMode.PERSISTENT : c.mode();
            long owner = mode.isEphemeral() ? op.session() : 0;
            boolean selfDeletes = mode.isContainer() || mode.isTtl();
            List<String> targets = new ArrayList<>();
            if (!mode.isSequential()) {
                targets.add(c.path());
            } else if (expect == Code.OK && certainty == ZnodeOp.Certainty.APPLIED) {
                String created = subResult instanceof OpResult.CreateResult cr ? cr.path()
                        : op.call().kind() == OpKind.CREATE ? op.reply().result().createdPath() : null;
                if (created == null) {
                    notes.add("sequential create without the created path, left out: " + op);
                } else {
                    targets.add(created);
                }
            } else if (certainty == ZnodeOp.Certainty.UNKNOWN) {
                targets.addAll(sequentialCandidates(c.path()));
            }
            for (String target : targets) {
                actions.computeIfAbsent(target, k -> new ArrayList<>())
                        .add(new ZnodeAction(ZnodeAction.Type.CREATE, c.data(), -1, owner, expect, null));
                if (selfDeletes) {
                    selfDeleting.add(target);
                }
                if (owner != 0) {
                    ephemeralPaths.computeIfAbsent(owner, k -> new TreeSet<>()).add(target);
                }
            }
            String parent = parent(c.path());
            if (parent != null) {
                Code parentSaw = expect == Code.NODEEXISTS ? Code.OK : expect;
                actions.computeIfAbsent(parent, k -> new ArrayList<>())
                        .add(new ZnodeAction(ZnodeAction.Type.PARENT_OF_CREATE, null, -1, 0, parentSaw, null));
            }
        } else if (sub instanceof Op.Delete d) {
            actions.computeIfAbsent(d.path(), k -> new ArrayList<>())
                    .add(new ZnodeAction(ZnodeAction.Type.DELETE, null, d.version(), 0, expect, null));
        } else if (sub instanceof Op.SetData s) {
            Stat stat = subResult instanceof OpResult.SetDataResult sr ? sr.stat()
                    : op.call().kind() == OpKind.SET_DATA && op.reply() != null && expect == Code.OK
                    && certainty == ZnodeOp.Certainty.APPLIED ? op.reply().result().stat() : null;
            actions.computeIfAbsent(s.path(), k -> new ArrayList<>())
                    .add(new ZnodeAction(ZnodeAction.Type.SET, s.data(), s.version(), 0, expect, stat));
        } else if (sub instanceof Op.Check ch) {
            actions.computeIfAbsent(ch.path(), k -> new ArrayList<>())
                    .add(new ZnodeAction(ZnodeAction.Type.CHECK, null, ch.version(), 0, expect, null));
        } else {
            notes.add("read inside a multi not checked: " + op);
        }
    }

    private void projectRead(ClientOp op) {
        Reply reply = op.reply();
        if (reply == null || reads == Reads.NONE || (reads == Reads.LINEARIZABLE && !op.call().linearizable())) {
            return;
        }
        if (reply.code() != Code.OK && reply.code() != Code.NONODE) {
            return;
        }
        Result r = reply.result();
        byte[] data = op.kind() == OpKind.GET_DATA && reply.ok() ? r.dataUnsafe() : null;
        if (op.kind() == OpKind.GET_DATA && reply.ok() && data == null) {
            data = new byte[0];
        }
        ZnodeAction a = new ZnodeAction(ZnodeAction.Type.READ, data, -1, 0, reply.code(), reply.ok() ? r.stat() : null);
        add(op.call().path(), new ZnodeOp(op, op.invokeMillis(), reply.millis(), ZnodeOp.Certainty.APPLIED,
                List.of(a), ZnodeState.UNKNOWN_ZXID));
    }

    private void projectClose(ClientOp close) {
        Set<String> owned = ephemeralPaths.getOrDefault(close.session(), Set.of());
        boolean known = close.reply() != null && close.reply().ok();
        ZnodeOp.Certainty certainty = known ? ZnodeOp.Certainty.APPLIED : ZnodeOp.Certainty.UNKNOWN;
        long response = known ? close.reply().millis() : Long.MAX_VALUE;
        for (String path : owned) {
            ZnodeAction a = new ZnodeAction(ZnodeAction.Type.CLOSE, null, -1, close.session(), Code.OK, null);
            add(path, new ZnodeOp(close, close.invokeMillis(), response, certainty, List.of(a),
                    ZnodeState.UNKNOWN_ZXID));
        }
    }

    private List<String> sequentialCandidates(String prefix) {
        List<String> out = new ArrayList<>();
        for (String p : paths.subSet(prefix, true, prefix + Character.MAX_VALUE, true)) {
            if (p.length() == prefix.length() + 10 && p.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                out.add(p);
            }
        }
        return out;
    }

    private void add(String path, ZnodeOp op) {
        byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(op);
    }

    private static Op asOp(Invocation call) {
        return switch (call.kind()) {
            case CREATE -> new Op.Create(call.path(), call.data(), List.of(), call.mode());
            case DELETE -> new Op.Delete(call.path(), call.version());
            case SET_DATA -> new Op.SetData(call.path(), call.data(), call.version());
            case CHECK -> new Op.Check(call.path(), call.version());
            default -> throw new IllegalArgumentException(call.toString());
        };
    }
}
