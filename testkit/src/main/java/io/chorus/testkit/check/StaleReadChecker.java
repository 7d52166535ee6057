package io.chorus.testkit.check;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.ReadConsistency;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads that returned a state older than a write the client could already know of: a getData or exists of a
 * znode whose reply zxid (the state it was served from) is below the zxid of a write to that znode acknowledged
 * before the read was invoked. Such a read cannot be linearized; the converse does not hold (the full check is
 * {@link LinearizabilityChecker}), so this counts a lower bound of violations per read consistency, which is
 * what the experiments report for LOCAL and SYNC reads (allowed to be stale).
 *
 * <p>Fails when a read the checkers hold to linearizability ({@link Invocation#linearizable()}: LINEARIZABLE and
 * LEADER) is stale; every consistency is counted in the notes. A forwarded read's reply carries the zxid of the leader's state it was served from, so the comparison
 * holds for LEADER and LINEARIZABLE reads too.
 */
public final class StaleReadChecker implements Checker {
    /** Per consistency: reads judged and reads found stale. */
    public record Counts(int reads, int stale) {
    }

    @Override
    public String name() {
        return "stale-reads";
    }

    /** The reads judged and found stale, per consistency asked. */
    public Map<ReadConsistency, Counts> count(History history) {
        Map<String, List<long[]>> writes = acknowledgedWrites(history); // per path: {zxid, acknowledged at}
        Map<ReadConsistency, int[]> tally = new EnumMap<>(ReadConsistency.class);
        for (ClientOp op : history.ops()) {
            if (!isJudgedRead(op)) {
                continue;
            }
            int[] t = tally.computeIfAbsent(op.call().consistency(), c -> new int[2]);
            t[0]++;
            if (staleBy(op, writes.getOrDefault(op.call().path(), List.of())) != null) {
                t[1]++;
            }
        }
        Map<ReadConsistency, Counts> counts = new EnumMap<>(ReadConsistency.class);
        tally.forEach((c, t) -> counts.put(c, new Counts(t[0], t[1])));
        return counts;
    }

    @Override
    public CheckResult check(History history) {
        Map<String, List<long[]>> writes = acknowledgedWrites(history);
        List<String> problems = new ArrayList<>();
        for (ClientOp op : history.ops()) {
            if (isJudgedRead(op) && op.call().linearizable()) {
                long[] missed = staleBy(op, writes.getOrDefault(op.call().path(), List.of()));
                if (missed != null) {
                    problems.add("op " + op.id() + " " + op.call() + " invoked at " + op.invokeMillis()
                            + " ms was served at " + Text.zxid(op.reply().zxid()) + ", before the write "
                            + Text.zxid(missed[0]) + " acknowledged at " + missed[1] + " ms");
                }
            }
        }
        List<String> notes = new ArrayList<>();
        count(history).forEach((c, n) -> notes.add(c + " reads stale: " + n.stale() + " of " + n.reads()));
        return new CheckResult(name(), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, problems, notes);
    }

    private static boolean isJudgedRead(ClientOp op) {
        OpKind kind = op.kind();
        return (kind == OpKind.GET_DATA || kind == OpKind.EXISTS) && op.reply() != null
                && (op.reply().code() == Code.OK || op.reply().code() == Code.NONODE);
    }

    /** The newest write to the read's znode acknowledged before the read began and newer than its state. */
    private static long[] staleBy(ClientOp read, List<long[]> writes) {
        long[] newest = null;
        for (long[] w : writes) {
            if (w[1] < read.invokeMillis() && w[0] > read.reply().zxid() && (newest == null || w[0] > newest[0])) {
                newest = w;
            }
        }
        return newest;
    }

    private static Map<String, List<long[]>> acknowledgedWrites(History history) {
        Map<String, List<long[]>> writes = new HashMap<>();
        for (ClientOp op : history.ops()) {
            Reply reply = op.reply();
            if (reply == null || reply.code() != Code.OK) {
                continue;
            }
            List<String> paths = switch (op.kind()) {
                case CREATE -> op.call().mode() == CreateMode.PERSISTENT_SEQUENTIAL
                        || op.call().mode() == CreateMode.EPHEMERAL_SEQUENTIAL ? List.of() : op.call().paths();
                case DELETE, SET_DATA -> op.call().paths();
                case MULTI -> op.call().ops().stream().filter(o -> !(o instanceof Op.Check)).map(Op::path).toList();
                default -> List.of();
            };
            for (String path : paths) {
                writes.computeIfAbsent(path, p -> new ArrayList<>()).add(new long[] {reply.zxid(), reply.millis()});
            }
        }
        return writes;
    }
}
