package io.chorus.testkit.check;

import java.util.List;

/**
 * A client operation projected onto one znode: the steps it took on that znode, in order, and how sure
 * we are that it took effect.
 *
 * @param source    the client operation
 * @param invoke    its invoke time
 * @param response  its reply time, {@link Long#MAX_VALUE} when the outcome is unknown
 * @param certainty how the steps combine into a transition (see {@link Certainty})
 * @param actions   the steps on this znode, in the operation's order
 * @param zxid      the transaction's zxid when the client was told (an OK write), else unknown
 */
record ZnodeOp(ClientOp source, long invoke, long response, Certainty certainty, List<ZnodeAction> actions,
               long zxid) {

    enum Certainty {
        /** The operation took effect (or was a read or a failed single write): every step must give the observed code. */
        APPLIED,
        /** A multi that failed: the steps up to the failing one must give their codes, then nothing changes. */
        ROLLED_BACK,
        /** No definite reply: either nothing happened, or every step succeeded. */
        UNKNOWN
    }

    @Override
    public String toString() {
        return source + "\n      on this znode: " + actions + (certainty == Certainty.APPLIED ? "" : " [" + certainty + "]");
    }
}
