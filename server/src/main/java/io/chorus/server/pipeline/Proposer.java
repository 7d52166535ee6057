package io.chorus.server.pipeline;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.datatree.txn.Txn;

/** The pipeline's way into the consensus protocol; the driver implements it on its own thread. */
public interface Proposer {
    /** Encodes the transaction and proposes it. */
    ProposeOutcome propose(Txn txn);

    /** Asks for {@link RequestPipeline#onReadBarrier} with this token once a sync may be answered. */
    void readBarrier(long token);
}
