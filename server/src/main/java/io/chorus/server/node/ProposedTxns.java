package io.chorus.server.node;

import io.chorus.datatree.txn.Txn;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The transactions this node built and the protocol accepted, keyed by the identity of the payload
 * array they were encoded into. When such an entry comes back committed, the driver applies the
 * transaction it already has instead of decoding the bytes it encoded itself; entries from elsewhere
 * (a leader's, the log's at recovery) are not here and are decoded. Knowing at most
 * {@code remembered} transactions bounds the memory a proposal that never commits can hold; it is
 * never needed for correctness, since the encoding round-trips every transaction exactly.
 * Driver thread only.
 */
final class ProposedTxns {
    private final int rememberedMax;
    private final Map<byte[], Txn> byPayload = new IdentityHashMap<>();

    ProposedTxns(int rememberedMax) {
        if (rememberedMax < 0) {
            throw new IllegalArgumentException("rememberedMax must not be negative: " + rememberedMax);
        }
        this.rememberedMax = rememberedMax;
    }

    /** Remembers {@code txn} as the transaction {@code payload} encodes, unless the bound is reached. */
    void remember(byte[] payload, Txn txn) {
        if (byPayload.size() < rememberedMax) {
            byPayload.put(payload, txn);
        }
    }

    /** The transaction remembered for exactly this array (forgotten now), or null. */
    Txn take(byte[] payload) {
        return byPayload.remove(payload);
    }

    /** Forgets everything: after a truncation or a change of leadership, proposals may never commit. */
    void clear() {
        byPayload.clear();
    }

    int size() {
        return byPayload.size();
    }
}
