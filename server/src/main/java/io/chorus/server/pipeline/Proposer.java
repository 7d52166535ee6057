package io.chorus.server.pipeline;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.datatree.txn.Txn;

/** The pipeline's way into the consensus protocol; the driver implements it on its own thread. */
public interface Proposer {
    /** Encodes the transaction and proposes it. */
    ProposeOutcome propose(Txn txn);

    /** Asks for {@link RequestPipeline#onReadBarrier} with this token once a sync may be answered. */
    void readBarrier(long token);

    /**
     * Asks for {@link RequestPipeline#onReadBarrier} with this token once a linearizable read may be served here,
     * or {@link RequestPipeline#onReadBarrierRefused} when this server does not lead (see
     * {@code ConsensusProtocol.leaderReadBarrier}).
     */
    void leaderReadBarrier(long token);

    /** Sends an application message to the leader; false when this server knows none. */
    boolean sendToLeader(byte[] message);

    /** Leading: sends an application message to a server it leads; false when it cannot. */
    boolean sendToFollower(int server, byte[] message);
}
