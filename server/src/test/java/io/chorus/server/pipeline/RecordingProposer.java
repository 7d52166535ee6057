package io.chorus.server.pipeline;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.datatree.txn.Txn;
import java.util.List;

/** A proposer for pipeline tests with no protocol behind it: it keeps what is proposed and sends nothing. */
final class RecordingProposer implements Proposer {
    private final List<Txn> proposed;

    /** Appends every proposed transaction to {@code proposed}. */
    RecordingProposer(List<Txn> proposed) {
        this.proposed = proposed;
    }

    @Override
    public ProposeOutcome propose(Txn txn) {
        proposed.add(txn);
        return ProposeOutcome.ACCEPTED;
    }

    @Override
    public void readBarrier(long token) {
    }

    @Override
    public void leaderReadBarrier(long token) {
    }

    @Override
    public boolean sendToLeader(byte[] message) {
        return false;
    }

    @Override
    public boolean sendToFollower(int server, byte[] message) {
        return false;
    }
}
