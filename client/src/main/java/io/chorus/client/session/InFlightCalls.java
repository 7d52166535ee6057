package io.chorus.client.session;

import io.chorus.client.call.Call;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls sent on the current connection and not yet answered, oldest first. The server answers in the order
 * it received requests, so every reply must answer the oldest call; anything else is a protocol error.
 */
final class InFlightCalls {
    private record Sent(int xid, Call<?> call) {
    }

    private final ArrayDeque<Sent> sent = new ArrayDeque<>();
    /** The last positive xid sent; 0 before the first. */
    private int lastXid;

    /**
     * Records a sent call. Positive xids must follow one another (wrapping after Integer.MAX_VALUE to 1): a gap
     * or a repeat would let a reply be matched to the wrong call. Negative ones are the protocol's fixed xids.
     */
    void add(int xid, Call<?> call) {
        if (xid > 0) {
            boolean next = lastXid == 0 || xid == lastXid + 1 || (lastXid == Integer.MAX_VALUE && xid == 1);
            if (!next) {
                throw new IllegalStateException("xid " + xid + " sent after " + lastXid);
            }
            lastXid = xid;
        }
        sent.addLast(new Sent(xid, call));
    }

    int size() {
        return sent.size();
    }

    /** The oldest call if the reply's xid is its xid, removed; null (nothing removed) if it is not. */
    Call<?> takeAnswered(int replyXid) {
        Sent oldest = sent.peekFirst();
        if (oldest == null || oldest.xid() != replyXid) {
            return null;
        }
        sent.removeFirst();
        return oldest.call();
    }

    /** The xid the next reply must carry, for error messages; null when nothing is in flight. */
    Integer expectedXid() {
        Sent oldest = sent.peekFirst();
        return oldest == null ? null : oldest.xid();
    }

    boolean contains(Call<?> call) {
        for (Sent s : sent) {
            if (s.call() == call) {
                return true;
            }
        }
        return false;
    }

    boolean remove(Call<?> call) {
        return sent.removeIf(s -> s.call() == call);
    }

    /** Every call still in flight, oldest first; the queue is left empty. */
    List<Call<?>> drain() {
        List<Call<?>> calls = new ArrayList<>(sent.size());
        for (Sent s : sent) {
            calls.add(s.call());
        }
        sent.clear();
        return calls;
    }
}
