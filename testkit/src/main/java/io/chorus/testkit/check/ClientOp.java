package io.chorus.testkit.check;

import java.util.Objects;

/**
 * One client operation: what was asked, when, and what came back.
 *
 * @param id           unique in the history and increasing in issue order (per client at least:
 *                     the FIFO checker uses it as the client's issue order)
 * @param client       the simulated client
 * @param session      the session the operation was sent on
 * @param call         the inputs
 * @param invokeMillis simulated time the client sent it
 * @param reply        the reply, or null when none arrived (connection loss, end of run): the
 *                     outcome is then unknown, the operation may or may not have taken effect
 */
public record ClientOp(long id, int client, long session, Invocation call, long invokeMillis, Reply reply) {
    public ClientOp {
        Objects.requireNonNull(call, "call");
        if (reply != null && reply.millis() < invokeMillis) {
            throw new IllegalArgumentException("op " + id + " completes before it is invoked");
        }
    }

    public OpKind kind() {
        return call.kind();
    }

    /** True when a reply arrived and it says for sure whether the operation took effect. */
    public boolean outcomeKnown() {
        return reply != null && !Outcomes.isIndeterminate(reply.code());
    }

    /** True for a write that definitely took effect: the client got OK. */
    public boolean acknowledgedWrite() {
        return call.kind().isWrite() && call.kind() != OpKind.CLOSE_SESSION && reply != null && reply.ok();
    }

    /** A readable one-liner for counterexamples. */
    @Override
    public String toString() {
        return "op#" + id + " c" + client + "/s0x" + Long.toHexString(session) + " " + call
                + " @[" + invokeMillis + "," + (reply == null ? "?" : String.valueOf(reply.millis())) + "] -> "
                + (reply == null ? "no reply (unknown outcome)" : reply.toString());
    }
}
