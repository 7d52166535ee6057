package io.chorus.datatree.txn;

import io.chorus.api.Id;
import java.util.List;

/**
 * The requester of a transaction: its session, the client's request number (cxid, so the server the
 * client is connected to can answer it), the leader's time when the transaction was built, and the
 * identities the session had authenticated as at that moment (including its ("ip", address) and, for
 * a super-user, ("super", "")). Server-initiated transactions use session 0 and cxid 0.
 */
public record TxnHeader(long sessionId, int cxid, long timeMillis, List<Id> authIds) {
    public TxnHeader {
        authIds = List.copyOf(authIds);
    }
}
