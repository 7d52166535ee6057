package io.chorus.testkit.check;

import static io.chorus.testkit.check.Ops.b;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Linearizable histories by construction: operations run one at a time against {@link ReferenceTree}
 * at linearization points 10 ms apart, and each gets an interval around its point (so with
 * {@code jitter} above 5 they overlap and the checker has to search). Some writes lose their reply and
 * then either took effect or not.
 */
final class GeneratedHistories {
    /**
     * @param ops         number of operations
     * @param clients     clients; operation i belongs to client i % clients (sessions 0x100 + client)
     * @param znodes      number of top-level znodes ("/n0", ...); "/n0/c" and "/q" sequential children too
     * @param unknownRate share of writes whose reply is lost
     * @param jitter      how far (ms) an interval reaches either side of its linearization point
     */
    record Shape(int ops, int clients, int znodes, double unknownRate, int jitter) {
    }

    private GeneratedHistories() {
    }

    static History generate(long seed, Shape shape) {
        Random rnd = new Random(seed);
        ReferenceTree tree = new ReferenceTree();
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < shape.znodes(); i++) {
            pool.add("/n" + i);
        }
        pool.add("/n0/c");
        pool.add("/q");
        List<ClientOp> ops = new ArrayList<>();
        for (int i = 0; i < shape.ops(); i++) {
            int client = i % shape.clients();
            long session = Ops.session(client);
            Invocation call = randomCall(rnd, pool, tree);
            long point = 100 + 10L * i;
            long invoke = point - rnd.nextInt(shape.jitter() + 1);
            long ret = point + rnd.nextInt(shape.jitter() + 1);
            boolean loseReply = call.kind().isWrite() && rnd.nextDouble() < shape.unknownRate();
            if (loseReply && rnd.nextBoolean()) {
                ops.add(new ClientOp(i + 1, client, session, call, invoke, null)); // never reached the leader
                continue;
            }
            ReferenceTree.Answer a = tree.apply(call, session);
            if (a.result().createdPath() != null && call.mode() != null && call.mode().isSequential()) {
                pool.add(a.result().createdPath());
            }
            if (loseReply) {
                ops.add(new ClientOp(i + 1, client, session, call, invoke, null)); // applied, reply lost
            } else {
                ops.add(new ClientOp(i + 1, client, session, call, invoke, new Reply(ret, ret, a.code(), a.zxid(), a.result())));
            }
        }
        return History.ofOps(ops);
    }

    private static Invocation randomCall(Random rnd, List<String> pool, ReferenceTree tree) {
        String path = pool.get(rnd.nextInt(pool.size()));
        byte[] data = b("d" + rnd.nextInt(4));
        int roll = rnd.nextInt(100);
        if (roll < 18) {
            return Invocation.create(path, data, rnd.nextInt(5) == 0 ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT);
        } else if (roll < 22) {
            return Invocation.create("/q/s-", data, CreateMode.PERSISTENT_SEQUENTIAL);
        } else if (roll < 40) {
            return Invocation.setData(path, data, version(rnd, tree, path));
        } else if (roll < 50) {
            return Invocation.delete(path, version(rnd, tree, path));
        } else if (roll < 70) {
            return Invocation.getData(path).asLinearizableRead();
        } else if (roll < 80) {
            return Invocation.exists(path).asLinearizableRead();
        } else if (roll < 84) {
            return Invocation.getChildren(path).asLinearizableRead();
        } else if (roll < 86) {
            return Invocation.closeSession();
        } else {
            List<Op> ops = new ArrayList<>();
            for (int k = 0; k < 2 + rnd.nextInt(2); k++) {
                String p = pool.get(rnd.nextInt(pool.size()));
                switch (rnd.nextInt(4)) {
                    case 0 -> ops.add(new Op.Create(p, b("m" + rnd.nextInt(3)), List.of(), CreateMode.PERSISTENT));
                    case 1 -> ops.add(new Op.SetData(p, b("m" + rnd.nextInt(3)), version(rnd, tree, p)));
                    case 2 -> ops.add(new Op.Delete(p, version(rnd, tree, p)));
                    default -> ops.add(new Op.Check(p, version(rnd, tree, p)));
                }
            }
            return Invocation.multi(ops);
        }
    }

    private static int version(Random rnd, ReferenceTree tree, String path) {
        ReferenceTree.Node n = tree.nodes().get(path);
        int roll = rnd.nextInt(10);
        if (roll < 5) {
            return -1;
        }
        if (roll < 8 && n != null) {
            return n.version;
        }
        return rnd.nextInt(3);
    }

    /** The ways {@link #mutate} can break a history. */
    enum Mutation {
        DATA_NEVER_WRITTEN,
        WRONG_SET_VERSION,
        ABSENT_READ_SEES_NODE,
        CREATE_SAYS_EXISTS,
        DELETE_SAYS_NONODE
    }

    /**
     * One operation's reply changed so that no linearization exists; needs a history with disjoint
     * intervals and every reply known (jitter below 5, no lost replies). Returns null when no
     * operation fits the mutation.
     */
    static History mutate(History h, Mutation m, Random rnd) {
        List<Integer> fits = new ArrayList<>();
        for (int i = 0; i < h.ops().size(); i++) {
            if (fits(h.ops().get(i), m)) {
                fits.add(i);
            }
        }
        if (fits.isEmpty()) {
            return null;
        }
        int at = fits.get(rnd.nextInt(fits.size()));
        ClientOp op = h.ops().get(at);
        Reply r = op.reply();
        Reply broken = switch (m) {
            case DATA_NEVER_WRITTEN -> new Reply(r.millis(), r.receiveSeq(), Code.OK, r.zxid(),
                    Result.data(b("never-written"), r.result().stat()));
            case WRONG_SET_VERSION -> {
                Stat s = r.result().stat();
                yield new Reply(r.millis(), r.receiveSeq(), Code.OK, r.zxid(), Result.stat(new Stat(s.czxid(), s.mzxid(),
                        0, 0, s.version() + 1, 0, 0, s.ephemeralOwner(), 0, 0, 0)));
            }
            case ABSENT_READ_SEES_NODE -> new Reply(r.millis(), r.receiveSeq(), Code.OK, r.zxid(),
                    Result.data(b("d0"), new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
            case CREATE_SAYS_EXISTS -> new Reply(r.millis(), r.receiveSeq(), Code.NODEEXISTS, r.zxid(), Result.none());
            case DELETE_SAYS_NONODE -> new Reply(r.millis(), r.receiveSeq(), Code.NONODE, r.zxid(), Result.none());
        };
        Invocation call = m == Mutation.ABSENT_READ_SEES_NODE ? Invocation.getData(op.call().path()).asLinearizableRead()
                : op.call();
        List<ClientOp> ops = new ArrayList<>(h.ops());
        ops.set(at, new ClientOp(op.id(), op.client(), op.session(), call, op.invokeMillis(), broken));
        return History.ofOps(ops);
    }

    private static boolean fits(ClientOp op, Mutation m) {
        Reply r = op.reply();
        if (r == null) {
            return false;
        }
        return switch (m) {
            case DATA_NEVER_WRITTEN -> op.kind() == OpKind.GET_DATA && r.ok();
            case WRONG_SET_VERSION -> op.kind() == OpKind.SET_DATA && r.ok();
            case ABSENT_READ_SEES_NODE -> op.kind().isRead() && r.code() == Code.NONODE;
            case CREATE_SAYS_EXISTS -> op.kind() == OpKind.CREATE && r.ok() && !op.call().mode().isSequential();
            case DELETE_SAYS_NONODE -> op.kind() == OpKind.DELETE && r.ok();
        };
    }
}
