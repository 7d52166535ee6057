package io.chorus.testkit.check;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny sequential ZooKeeper tree for generating histories: the reference the linearizability checker
 * must agree with. Deliberately written apart from {@link ZnodeModel} (a whole tree, with children).
 */
final class ReferenceTree {
    static final class Node {
        byte[] data;
        int version;
        long czxid;
        long mzxid;
        long owner;
        int cversion;

        Node(byte[] data, long zxid, long owner) {
            this.data = data;
            this.czxid = zxid;
            this.mzxid = zxid;
            this.owner = owner;
        }

        Node copy() {
            Node n = new Node(data, czxid, owner);
            n.version = version;
            n.mzxid = mzxid;
            n.cversion = cversion;
            return n;
        }

        Stat stat(int children) {
            return new Stat(czxid, mzxid, 0, 0, version, cversion, 0, owner, data.length, children, 0);
        }
    }

    /** What one operation did: code, zxid of the reply, and the result. */
    record Answer(Code code, long zxid, Result result) {
    }

    private TreeMap<String, Node> nodes = new TreeMap<>();
    private long lastZxid;

    ReferenceTree() {
        for (String p : List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config")) {
            nodes.put(p, new Node(new byte[0], 0, 0));
        }
        lastZxid = 1L << 32;
    }

    long lastZxid() {
        return lastZxid;
    }

    List<String> children(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        List<String> out = new ArrayList<>();
        for (String p : nodes.tailMap(prefix, false).keySet()) {
            if (!p.startsWith(prefix)) {
                break;
            }
            if (p.indexOf('/', prefix.length()) < 0 && !p.equals("/")) {
                out.add(p.substring(prefix.length()));
            }
        }
        return out;
    }

    Answer apply(Invocation call, long session) {
        switch (call.kind()) {
            case GET_DATA: {
                Node n = nodes.get(call.path());
                return n == null ? new Answer(Code.NONODE, lastZxid, Result.none())
                        : new Answer(Code.OK, lastZxid, Result.data(n.data, n.stat(children(call.path()).size())));
            }
            case EXISTS: {
                Node n = nodes.get(call.path());
                return n == null ? new Answer(Code.NONODE, lastZxid, Result.none())
                        : new Answer(Code.OK, lastZxid, Result.stat(n.stat(children(call.path()).size())));
            }
            case GET_CHILDREN: {
                Node n = nodes.get(call.path());
                List<String> kids = children(call.path());
                return n == null ? new Answer(Code.NONODE, lastZxid, Result.none())
                        : new Answer(Code.OK, lastZxid, Result.children(kids, n.stat(kids.size())));
            }
            case MULTI:
                return multi(call.ops(), session);
            case CLOSE_SESSION: {
                long zxid = ++lastZxid;
                nodes.values().removeIf(n -> n.owner == session);
                return new Answer(Code.OK, zxid, Result.none());
            }
            default: {
                Op op = switch (call.kind()) {
                    case CREATE -> new Op.Create(call.path(), call.data(), List.of(), call.mode());
                    case DELETE -> new Op.Delete(call.path(), call.version());
                    case SET_DATA -> new Op.SetData(call.path(), call.data(), call.version());
                    default -> new Op.Check(call.path(), call.version());
                };
                long zxid = lastZxid + 1;
                Object r = step(nodes, op, zxid, session);
                if (r instanceof Code c) {
                    return new Answer(c, lastZxid, Result.none());
                }
                lastZxid = zxid;
                OpResult res = (OpResult) r;
                if (res instanceof OpResult.CreateResult cr) {
                    return new Answer(Code.OK, zxid, Result.created(cr.path(), cr.stat()));
                }
                if (res instanceof OpResult.SetDataResult sr) {
                    return new Answer(Code.OK, zxid, Result.stat(sr.stat()));
                }
                return new Answer(Code.OK, zxid, Result.none());
            }
        }
    }

    private Answer multi(List<Op> ops, long session) {
        TreeMap<String, Node> copy = new TreeMap<>();
        nodes.forEach((k, v) -> copy.put(k, v.copy()));
        long zxid = lastZxid + 1;
        List<OpResult> results = new ArrayList<>();
        Code failed = null;
        int failedAt = -1;
        for (int i = 0; i < ops.size(); i++) {
            Object r = step(copy, ops.get(i), zxid, session);
            if (r instanceof Code c) {
                failed = c;
                failedAt = i;
                break;
            }
            results.add((OpResult) r);
        }
        if (failed == null) {
            nodes = copy;
            lastZxid = zxid;
            return new Answer(Code.OK, zxid, Result.multi(results));
        }
        List<OpResult> errors = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            errors.add(new OpResult.ErrorResult(i < failedAt ? Code.OK : i == failedAt ? failed : Code.RUNTIMEINCONSISTENCY));
        }
        return new Answer(failed, lastZxid, Result.multi(errors));
    }

    /** An OpResult on success, the error Code otherwise; mutates {@code tree} only on success. */
    private Object step(TreeMap<String, Node> tree, Op op, long zxid, long session) {
        String path = op.path();
        Node n = tree.get(path);
        if (op instanceof Op.Create c) {
            String parentPath = ZnodeProjection.parent(path);
            Node parent = tree.get(parentPath);
            if (parent == null) {
                return Code.NONODE;
            }
            CreateMode mode = c.mode();
            if (mode.isSequential()) {
                path = path + String.format("%010d", parent.cversion);
                n = tree.get(path);
            }
            if (n != null) {
                return Code.NODEEXISTS;
            }
            if (parent.owner != 0) {
                return Code.NOCHILDRENFOREPHEMERALS;
            }
            Node created = new Node(c.data() == null ? new byte[0] : c.data(), zxid, mode.isEphemeral() ? session : 0);
            tree.put(path, created);
            parent.cversion++;
            return new OpResult.CreateResult(path, created.stat(0));
        }
        if (n == null) {
            return Code.NONODE;
        }
        int version = op instanceof Op.Delete d ? d.version() : op instanceof Op.SetData s ? s.version()
                : ((Op.Check) op).version();
        if (version != -1 && version != n.version) {
            return Code.BADVERSION;
        }
        if (op instanceof Op.Delete) {
            String prefix = path + "/";
            String next = tree.higherKey(path);
            if (next != null && next.startsWith(prefix)) {
                return Code.NOTEMPTY;
            }
            tree.remove(path);
            Node parent = tree.get(ZnodeProjection.parent(path));
            parent.cversion++;
            return new OpResult.DeleteResult();
        }
        if (op instanceof Op.SetData s) {
            n.data = s.data() == null ? new byte[0] : s.data();
            n.version++;
            n.mzxid = zxid;
            return new OpResult.SetDataResult(n.stat(0));
        }
        return new OpResult.CheckResult();
    }

    Map<String, Node> nodes() {
        return nodes;
    }
}
