package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Wing–Gong search with Lowe's memoisation, for one znode's sub-history: repeatedly pick an
 * operation that may take effect next (it was invoked before every pending operation's reply) and
 * apply it to the model, backtracking on dead ends, and never exploring the same (set of linearized
 * operations, model state) twice. Operations without a reply never have to be linearized, and may be
 * placed anywhere after their invocation.
 *
 * <p>Times that are equal count as concurrent: a reply and an invocation at the same simulated
 * millisecond may have happened in either order.
 *
 * <p>Iterative (an explicit stack), so a long sub-history cannot overflow the thread's stack.
 */
final class LinearizabilitySearch {

    /** The answer for one znode. */
    record Outcome(Verdict verdict, long steps, String counterexample) {
    }

    private record Move(int op, ZnodeState next) {
    }

    private static final class Frame {
        final ZnodeState state;
        final int via;
        final List<Move> moves;
        int cursor;

        Frame(ZnodeState state, int via, List<Move> moves) {
            this.state = state;
            this.via = via;
            this.moves = moves;
        }
    }

    private record Key(BitSet linearized, ZnodeState state) {
    }

    private final List<ZnodeOp> ops;
    private final long[] invoke;
    private final long[] response;
    private final ZnodeState initial;
    private final long budget;

    LinearizabilitySearch(List<ZnodeOp> unsorted, ZnodeState initial, long budget) {
        this.ops = unsorted.stream()
                .sorted(Comparator.comparingLong(ZnodeOp::invoke).thenComparingLong(o -> o.source().id()))
                .toList();
        this.invoke = ops.stream().mapToLong(ZnodeOp::invoke).toArray();
        this.response = ops.stream().mapToLong(ZnodeOp::response).toArray();
        this.initial = initial;
        this.budget = budget;
    }

    Outcome run() {
        int n = ops.size();
        int required = 0;
        for (long r : response) {
            if (r != Long.MAX_VALUE) {
                required++;
            }
        }
        if (required == 0) {
            return new Outcome(Verdict.PASS, 0, null);
        }
        BitSet linearized = new BitSet(n);
        Set<Key> seen = new HashSet<>();
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(initial, -1, moves(initial, linearized)));
        int done = 0;
        int deepest = -1;
        String deepestStory = null;
        long steps = 0;
        while (!stack.isEmpty()) {
            Frame top = stack.get(stack.size() - 1);
            if (top.cursor == 0 && stack.size() - 1 > deepest) {
                deepest = stack.size() - 1;
                deepestStory = null; // described lazily when the search fails
            }
            if (top.cursor == top.moves.size()) {
                if (stack.size() - 1 == deepest && deepestStory == null) {
                    deepestStory = describe(stack, linearized);
                }
                stack.remove(stack.size() - 1);
                if (top.via >= 0) {
                    linearized.clear(top.via);
                    if (response[top.via] != Long.MAX_VALUE) {
                        done--;
                    }
                }
                continue;
            }
            Move m = top.moves.get(top.cursor++);
            linearized.set(m.op);
            if (!seen.add(new Key((BitSet) linearized.clone(), m.next))) {
                linearized.clear(m.op);
                continue;
            }
            if (++steps > budget) {
                return new Outcome(Verdict.INCONCLUSIVE, steps, "gave up after " + budget
                        + " search steps (" + n + " operations, " + (n - required) + " with unknown outcome)");
            }
            if (response[m.op] != Long.MAX_VALUE) {
                done++;
            }
            if (done == required) {
                return new Outcome(Verdict.PASS, steps, null);
            }
            stack.add(new Frame(m.next, m.op, moves(m.next, linearized)));
        }
        return new Outcome(Verdict.FAIL, steps, deepestStory);
    }

    /** Every (operation, next state) that may come next: operations invoked before the earliest pending reply. */
    private List<Move> moves(ZnodeState state, BitSet linearized) {
        List<Move> out = new ArrayList<>();
        long earliestReply = Long.MAX_VALUE;
        for (int i = linearized.nextClearBit(0); i < ops.size(); i = linearized.nextClearBit(i + 1)) {
            if (invoke[i] > earliestReply) {
                break;
            }
            earliestReply = Math.min(earliestReply, response[i]);
            for (ZnodeState next : ZnodeModel.step(state, ops.get(i))) {
                out.add(new Move(i, next));
            }
        }
        // An operation invoked after a reply that came later in the scan is not a candidate after all.
        long bound = earliestReply;
        out.removeIf(m -> invoke[m.op] > bound);
        return out;
    }

    /** The longest linearization found, and why nothing could follow it. */
    private String describe(List<Frame> stack, BitSet linearized) {
        StringBuilder b = new StringBuilder();
        int count = stack.size() - 1;
        b.append("longest linearizable prefix has ").append(count).append(" of ").append(ops.size())
                .append(" operations");
        int from = Math.max(1, stack.size() - 4);
        if (count > 0) {
            b.append("; it ends with:");
            for (int i = from; i < stack.size(); i++) {
                Frame f = stack.get(i);
                b.append("\n    ").append(ops.get(f.via)).append("\n      => ").append(f.state);
            }
        }
        ZnodeState state = stack.get(stack.size() - 1).state;
        b.append("\n  state then: ").append(state).append("; no pending operation can take effect next:");
        long earliestReply = Long.MAX_VALUE;
        for (int i = linearized.nextClearBit(0); i < ops.size(); i = linearized.nextClearBit(i + 1)) {
            if (invoke[i] > earliestReply) {
                break;
            }
            earliestReply = Math.min(earliestReply, response[i]);
        }
        int shown = 0;
        for (int i = linearized.nextClearBit(0); i < ops.size() && shown < 6; i = linearized.nextClearBit(i + 1)) {
            if (invoke[i] > earliestReply) {
                break;
            }
            String why = ZnodeModel.whyNot(state, ops.get(i));
            b.append("\n    ").append(ops.get(i)).append("\n      ")
                    .append(why == null ? "possible here, but every continuation after it fails" : why);
            shown++;
        }
        return b.toString();
    }
}
