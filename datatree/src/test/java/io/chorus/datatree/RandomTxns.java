package io.chorus.datatree;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.Id;
import io.chorus.datatree.acl.DigestAuth;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random transaction histories over a small set of paths, sessions and ACLs, so that collisions
 * (existing nodes, missing parents, wrong versions, closed sessions, denied permissions) are common.
 * A step is plain numbers, which jqwik shrinks well; {@link #toTxn} turns it into a transaction.
 */
final class RandomTxns {
    static final long[] SESSIONS = {0x11, 0x22, 0x33};
    private static final String[] PATHS = {"/a", "/b", "/a/x", "/a/y", "/b/z", "/a/x/q", "/c", "/c/k", "/t", "/t/u"};
    private static final CreateMode[] MODES = CreateMode.values();
    private static final Id ALICE = DigestAuth.digestId("alice:pw");
    private static final List<List<Id>> AUTH = List.of(List.of(new Id("ip", "10.0.0.1")), List.of(ALICE),
            List.of(new Id("ip", "192.168.1.1"), new Id("super", "")));
    private static final List<List<Acl>> ACLS = List.of(Acl.OPEN_ACL_UNSAFE, Acl.READ_ACL_UNSAFE, Acl.CREATOR_ALL_ACL,
            List.of(new Acl(Acl.ALL, new Id("ip", "10.0.0.0/8"))), List.of(new Acl(Acl.ALL & ~Acl.DELETE, Id.ANYONE)));

    /** One transaction, as numbers: what, where, with which version/mode/acl, by whom, and when. */
    record Step(int kind, int path, int value, int session, int auth, int ticks) {
    }

    private RandomTxns() {
    }

    static Arbitrary<List<Step>> histories(int maxLength) {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, PATHS.length - 1),
                Arbitraries.integers().between(-1, 6),
                Arbitraries.integers().between(0, SESSIONS.length - 1),
                Arbitraries.integers().between(0, AUTH.size() - 1),
                Arbitraries.integers().between(1, 400)).as(Step::new);
        return step.list().ofMaxSize(maxLength);
    }

    /**
     * The transactions of a history, timed from a fixed start so every replay is identical. A prelude
     * opens the sessions and creates the top-level nodes, so most random steps find something to act on.
     */
    static List<Txn> toTxns(List<Step> steps) {
        List<Txn> txns = new ArrayList<>(steps.size() + 8);
        long time = 1_000_000;
        for (long session : SESSIONS) {
            txns.add(new Txn(new TxnHeader(session, 0, time, List.of()), new TxnBody.CreateSession(5000, new byte[] {1})));
        }
        for (String top : List.of("/a", "/b", "/c", "/t")) {
            txns.add(new Txn(new TxnHeader(SESSIONS[0], 0, time, List.of()),
                    new TxnBody.Create(top, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1)));
        }
        for (Step step : steps) {
            time += step.ticks();
            txns.add(toTxn(step, time));
        }
        return txns;
    }

    static Txn toTxn(Step step, long timeMillis) {
        TxnHeader header = new TxnHeader(SESSIONS[step.session()], step.kind(), timeMillis, AUTH.get(step.auth()));
        return new Txn(header, body(step, step.kind()));
    }

    private static TxnBody body(Step step, int kind) {
        String path = PATHS[step.path()];
        int value = step.value();
        switch (kind) {
            case 0:
            case 1:
            case 12:
                return create(path, value);
            case 2:
                return new TxnBody.Delete(path, value);
            case 3:
                return new TxnBody.SetData(path, new byte[Math.max(0, value)], value);
            case 4:
                return new TxnBody.SetAcl(path, ACLS.get(Math.floorMod(value, ACLS.size())), value);
            case 5:
                return new TxnBody.Check(path, value);
            case 6:
                return new TxnBody.CreateSession(1000 + value, new byte[] {(byte) value});
            case 7:
                return value < 3 ? new TxnBody.CloseSession() : create(path, value);
            case 8:
                return new TxnBody.DeleteContainer(path);
            case 9:
                return new TxnBody.DeleteExpiredTtl(path, value);
            case 10:
            case 11:
                return multi(step);
            default:
                return create(path + "/", value);
        }
    }

    private static TxnBody create(String path, int value) {
        CreateMode mode = MODES[Math.floorMod(value, MODES.length)];
        long ttl = mode.isTtl() ? 50 + value : -1;
        byte[] data = value == 2 ? null : new byte[] {(byte) value};
        // mostly open ACLs, so that later steps are not all refused
        List<Acl> acl = value < 3 ? Acl.OPEN_ACL_UNSAFE : ACLS.get(value % ACLS.size());
        return new TxnBody.Create(path, data, acl, mode, ttl);
    }

    /** Two to four related ops, so multis both succeed and fail part-way. */
    private static TxnBody multi(Step step) {
        List<TxnBody> ops = new ArrayList<>();
        int count = 2 + Math.floorMod(step.value(), 3);
        for (int i = 0; i < count; i++) {
            int kind = Math.floorMod(step.path() + i * 3 + step.value(), 6);
            Step sub = new Step(kind, Math.floorMod(step.path() + i, PATHS.length), step.value() - i, step.session(),
                    step.auth(), step.ticks());
            ops.add(body(sub, kind == 4 ? 5 : kind));
        }
        return new TxnBody.Multi(ops);
    }
}
