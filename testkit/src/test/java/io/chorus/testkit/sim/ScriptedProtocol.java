package io.chorus.testkit.sim;

import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A protocol whose Readies a test scripts, to check exactly what the driver does with each. */
final class ScriptedProtocol implements ConsensusProtocol {
    final NodeContext context;
    final ArrayDeque<Ready> script = new ArrayDeque<>();
    final List<Long> persistedCalls = new ArrayList<>();
    long startedWith = -1;

    ScriptedProtocol(NodeContext context) {
        this.context = context;
    }

    @Override
    public int serverId() {
        return context.serverId();
    }

    @Override
    public void start(long lastLoggedZxid, long nowMillis) {
        startedWith = lastLoggedZxid;
    }

    @Override
    public void receive(int from, PeerMessage message, long nowMillis) {
    }

    @Override
    public void tick(long nowMillis) {
    }

    @Override
    public ProposeOutcome propose(byte[] payload, long nowMillis) {
        return ProposeOutcome.ACCEPTED;
    }

    /** Scripted drivers tests do not send application messages. */
    @Override
    public boolean sendToLeader(byte[] message, long nowMillis) {
        return false;
    }

    @Override
    public void persisted(long zxid) {
        persistedCalls.add(zxid);
    }

    @Override
    public void readBarrier(long token) {
    }

    @Override
    public void leaderReadBarrier(long token, long nowMillis) {
        // not needed by the simulator's tests
    }

    @Override
    public boolean sendToFollower(int server, byte[] message, long nowMillis) {
        return false;
    }

    @Override
    public Leadership leadership() {
        return new Leadership(Role.STANDALONE, 1, serverId());
    }

    @Override
    public boolean hasReady() {
        return !script.isEmpty();
    }

    @Override
    public Ready ready() {
        return script.peekFirst();
    }

    @Override
    public void advance(Ready ready) {
        script.pollFirst();
    }
}
