package io.chorus.datatree.txn;

import java.util.Objects;

/**
 * A transaction as the log orders it: who asked ({@link TxnHeader}) and what ({@link TxnBody}). The
 * zxid is the log entry's, not the transaction's. Applying a transaction uses only what it carries
 * (zxid, header time, session id and auth ids), so every replica derives the same tree and the same
 * result, errors included.
 */
public record Txn(TxnHeader header, TxnBody body) {
    public Txn {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
    }
}
