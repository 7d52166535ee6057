package io.chorus.server.pipeline;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.datatree.txn.Txn;
import java.util.ArrayList;
import java.util.List;

/**
 * A proposer for pipeline tests with no protocol behind it: it keeps what is proposed and the application
 * messages sent, for the test to deliver (or lose); it knows a leader only when told so.
 */
final class RecordingProposer implements Proposer {
    private final List<Txn> proposed;
    final List<byte[]> toLeader = new ArrayList<>();
    final List<byte[]> toFollowers = new ArrayList<>();
    final List<Long> leaderReadTokens = new ArrayList<>();
    boolean knowsLeader;

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
        leaderReadTokens.add(token);
    }

    @Override
    public boolean sendToLeader(byte[] message) {
        if (knowsLeader) {
            toLeader.add(message);
        }
        return knowsLeader;
    }

    @Override
    public boolean sendToFollower(int server, byte[] message) {
        toFollowers.add(message);
        return true;
    }
}
