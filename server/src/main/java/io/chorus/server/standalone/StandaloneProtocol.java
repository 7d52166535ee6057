package io.chorus.server.standalone;

import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.AppMessage;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.Zxid;
import io.chorus.api.spi.ZxidSequence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The consensus protocol of an ensemble of one: every proposal is accepted, and committed once it is
 * durable. It exists so that a single node goes through the same SPI (propose, persist, persisted,
 * apply) as an ensemble, and the request pipeline does not change when Zab is bound instead.
 * Each start opens a new epoch above the newest logged zxid, as a re-elected leader would.
 */
public final class StandaloneProtocol implements ConsensusProtocol {
    private final int serverId;
    private ZxidSequence zxids;
    private long lastProposedZxid;
    private long durableZxid;
    private final List<LogEntry> toPersist = new ArrayList<>();
    private final ArrayDeque<LogEntry> awaitingDurability = new ArrayDeque<>();
    private final List<LogEntry> committed = new ArrayList<>();
    private final List<Long> barriers = new ArrayList<>();
    private final List<AppMessage> appMessages = new ArrayList<>();
    private Leadership leadershipChange;

    public StandaloneProtocol(int serverId) {
        this.serverId = serverId;
    }

    @Override
    public int serverId() {
        return serverId;
    }

    @Override
    public void start(long lastLoggedZxid, long nowMillis) {
        checkState(zxids == null, "started twice");
        zxids = new ZxidSequence(Zxid.epoch(lastLoggedZxid) + 1, 0);
        lastProposedZxid = lastLoggedZxid;
        durableZxid = lastLoggedZxid;
        leadershipChange = leadership();
    }

    @Override
    public void receive(int from, PeerMessage message, long nowMillis) {
        throw new IllegalStateException("a standalone server has no peers, yet got " + message + " from " + from);
    }

    @Override
    public void tick(long nowMillis) {
        // Nothing times out in an ensemble of one.
    }

    @Override
    public ProposeOutcome propose(byte[] payload, long nowMillis) {
        checkState(zxids != null, "propose before start");
        long zxid = zxids.next();
        checkState(zxid > lastProposedZxid, "zxid went backwards");
        lastProposedZxid = zxid;
        toPersist.add(new LogEntry(zxid, payload));
        return ProposeOutcome.ACCEPTED;
    }

    /** It leads itself: its own messages come back in the next Ready. */
    @Override
    public boolean sendToLeader(byte[] message, long nowMillis) {
        checkState(zxids != null, "sendToLeader before start");
        appMessages.add(new AppMessage(serverId, message));
        return true;
    }

    /** It leads itself: nothing to send to. */
    @Override
    public boolean sendToFollower(int server, byte[] message, long nowMillis) {
        checkState(zxids != null, "sendToFollower before start");
        if (server != serverId) {
            return false;
        }
        appMessages.add(new AppMessage(serverId, message));
        return true;
    }

    @Override
    public void persisted(long zxid) {
        checkState(zxid >= durableZxid, "durable zxid went backwards");
        durableZxid = zxid;
        while (!awaitingDurability.isEmpty() && awaitingDurability.peekFirst().zxid() <= zxid) {
            committed.add(awaitingDurability.pollFirst());
        }
    }

    @Override
    public void readBarrier(long token) {
        // Everything this server acknowledged is already applied or ahead of the read in its session.
        barriers.add(token);
    }

    /** No other server can lead: every read of what it applied is linearizable. */
    @Override
    public void leaderReadBarrier(long token, long nowMillis) {
        barriers.add(token);
    }

    @Override
    public Leadership leadership() {
        return new Leadership(Role.STANDALONE, zxids == null ? -1 : zxids.epoch(), serverId);
    }

    @Override
    public boolean hasReady() {
        return !toPersist.isEmpty() || !committed.isEmpty() || !barriers.isEmpty() || leadershipChange != null
                || !appMessages.isEmpty();
    }

    @Override
    public Ready ready() {
        return new Ready(List.of(), -1, toPersist, committed, barriers, List.of(), leadershipChange, null,
                appMessages);
    }

    @Override
    public void advance(Ready ready) {
        awaitingDurability.addAll(ready.toPersist());
        toPersist.subList(0, ready.toPersist().size()).clear();
        committed.subList(0, ready.committed().size()).clear();
        barriers.subList(0, ready.readBarriersSatisfied().size()).clear();
        appMessages.subList(0, ready.appMessages().size()).clear();
        if (ready.leadership() != null) {
            leadershipChange = null;
        }
    }

    private static void checkState(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
