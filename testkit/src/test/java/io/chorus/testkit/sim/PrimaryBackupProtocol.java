package io.chorus.testkit.sim;

import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.DurableMetadata;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.Outbound;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.ZxidSequence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A toy protocol for testing the simulator: a fixed leader (the lowest id) replicates its log to the others
 * and commits an entry once it is durable on the leader and on a majority. Every leader start takes a new
 * epoch (stored durably), so zxids are never reused; a follower cuts a tail that conflicts with the
 * leader's log (Raft's rule, by zxid). It never elects anyone: with the leader down nothing commits. Its
 * messages are immutable records.
 */
final class PrimaryBackupProtocol implements ConsensusProtocol {
    static final String EPOCH_KEY = "toy.epoch";
    private static final int BATCH_MAX = 64;

    /** Leader → follower: the entries after {@code prevZxid} (possibly none: a heartbeat) and the commit point. */
    record Append(long epoch, long prevZxid, List<LogEntry> entries, long commitZxid) implements PeerMessage {
        Append {
            entries = List.copyOf(entries);
        }
    }

    /** Follower → leader: how far its log matches the leader's and is durable, or why an Append did not fit. */
    record Ack(long epoch, long matchZxid, long verifiedZxid, boolean mismatch, long followerLastZxid,
            long rejectedPrevZxid) implements PeerMessage {
    }

    /** Follower → leader: a proposal made at a follower. */
    record Forward(byte[] payload) implements PeerMessage {
    }

    static long fingerprint(PeerMessage message) {
        long h = TraceHash.hashString(message.getClass().getSimpleName());
        if (message instanceof Append a) {
            h = h * 31 + a.epoch();
            h = h * 31 + a.prevZxid();
            h = h * 31 + a.commitZxid();
            for (LogEntry e : a.entries()) {
                h = h * 31 + e.zxid();
            }
        } else if (message instanceof Ack a) {
            h = h * 31 + a.epoch();
            h = h * 31 + a.matchZxid();
            h = h * 31 + a.verifiedZxid();
            h = h * 31 + (a.mismatch() ? 1 : 0);
        } else if (message instanceof Forward f) {
            h = h * 31 + TraceHash.hashBytes(f.payload());
        }
        return h;
    }

    private final int id;
    private final int leaderId;
    private final List<Integer> followers = new ArrayList<>();
    private final int quorum;
    private final DurableMetadata metadata;
    private final NodeContext context;
    /** A planted bug: the leader counts a quorum without being durable itself, so its crash can lose a commit. */
    private final boolean commitBeforeLeaderDurable;
    /** Mirror of the node's log: what has been appended (handed to the driver or about to be). */
    private final List<LogEntry> log = new ArrayList<>();
    private long durableZxid;
    private long commitZxid;
    private long deliveredZxid;
    private long epoch;
    private ZxidSequence zxids;
    // leader only
    private final Map<Integer, Long> matchZxid = new HashMap<>();
    private final Map<Integer, Integer> knownPrefix = new HashMap<>();
    // follower only
    private long verifiedZxid;
    // the next Ready
    private final List<Outbound> outbox = new ArrayList<>();
    private long pendingTruncate = -1;
    private final List<LogEntry> toPersist = new ArrayList<>();
    private final List<LogEntry> committed = new ArrayList<>();
    private Leadership leadershipChange;

    PrimaryBackupProtocol(NodeContext context, boolean commitBeforeLeaderDurable) {
        this.context = context;
        this.commitBeforeLeaderDurable = commitBeforeLeaderDurable;
        this.id = context.serverId();
        this.leaderId = context.ensemble().get(0);
        for (int node : context.ensemble()) {
            if (node != id) {
                followers.add(node);
            }
        }
        this.quorum = context.ensemble().size() / 2 + 1;
        this.metadata = context.metadata();
    }

    private boolean leader() {
        return id == leaderId;
    }

    @Override
    public int serverId() {
        return id;
    }

    @Override
    public void start(long lastLoggedZxid, long nowMillis) {
        try {
            Iterator<LogEntry> it = context.log().readAfter(0);
            while (it.hasNext()) {
                log.add(it.next());
            }
            if (leader()) {
                epoch = metadata.get(EPOCH_KEY, 0) + 1;
                metadata.put(EPOCH_KEY, epoch);
                zxids = new ZxidSequence(epoch, 0);
                for (int f : followers) {
                    matchZxid.put(f, 0L);
                    knownPrefix.put(f, 0);
                }
                leadershipChange = new Leadership(Role.LEADER, epoch, id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        durableZxid = lastLoggedZxid;
        // The driver replayed the whole surviving log; entries at or below it are applied already.
        deliveredZxid = lastLoggedZxid;
    }

    @Override
    public void receive(int from, PeerMessage message, long nowMillis) {
        if (message instanceof Append a && !leader()) {
            onAppend(a);
        } else if (message instanceof Ack a && leader()) {
            onAck(from, a);
        } else if (message instanceof Forward f && leader()) {
            propose(f.payload(), nowMillis);
        }
    }

    @Override
    public void tick(long nowMillis) {
        if (leader()) {
            for (int f : followers) {
                sendFrom(f, knownPrefix.get(f));
            }
        }
    }

    @Override
    public ProposeOutcome propose(byte[] payload, long nowMillis) {
        if (!leader()) {
            outbox.add(new Outbound(leaderId, new Forward(payload.clone())));
            return ProposeOutcome.FORWARDED;
        }
        LogEntry entry = new LogEntry(zxids.next(), payload.clone());
        long prev = lastZxid();
        log.add(entry);
        toPersist.add(entry);
        for (int f : followers) {
            outbox.add(new Outbound(f, new Append(epoch, prev, List.of(entry), commitZxid)));
        }
        return ProposeOutcome.ACCEPTED;
    }

    /** The toy carries no application messages to its leader. */
    @Override
    public boolean sendToLeader(byte[] message, long nowMillis) {
        return false;
    }

    @Override
    public void persisted(long zxid) {
        durableZxid = zxid;
        if (leader()) {
            advanceCommit();
        } else if (epoch > 0) {
            outbox.add(new Outbound(leaderId, ack()));
        }
    }

    @Override
    public void readBarrier(long token) {
        // not needed by the simulator's tests
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
        return leader() ? new Leadership(Role.LEADER, epoch, id)
                : new Leadership(epoch == 0 ? Role.LOOKING : Role.FOLLOWER, epoch, epoch == 0 ? -1 : leaderId);
    }

    @Override
    public boolean hasReady() {
        return !outbox.isEmpty() || pendingTruncate != -1 || !toPersist.isEmpty() || !committed.isEmpty()
                || leadershipChange != null;
    }

    @Override
    public Ready ready() {
        return new Ready(outbox, pendingTruncate, toPersist, committed, List.of(), leadershipChange);
    }

    @Override
    public void advance(Ready ready) {
        outbox.subList(0, ready.messages().size()).clear();
        toPersist.subList(0, ready.toPersist().size()).clear();
        committed.subList(0, ready.committed().size()).clear();
        if (ready.truncateAfterZxid() == pendingTruncate) {
            pendingTruncate = -1;
        }
        if (ready.leadership() != null && ready.leadership().equals(leadershipChange)) {
            leadershipChange = null;
        }
    }

    // ---- leader ----

    private void sendFrom(int follower, int prefix) {
        long prev = prefix == 0 ? 0 : log.get(prefix - 1).zxid();
        List<LogEntry> batch = log.subList(prefix, Math.min(log.size(), prefix + BATCH_MAX));
        outbox.add(new Outbound(follower, new Append(epoch, prev, batch, commitZxid)));
    }

    private void onAck(int from, Ack ack) {
        if (ack.epoch() != epoch) {
            return;
        }
        if (ack.mismatch()) {
            int byLast = countAtOrBelow(ack.followerLastZxid());
            int beforePrev = countAtOrBelow(ack.rejectedPrevZxid() - 1);
            knownPrefix.put(from, Math.min(knownPrefix.get(from), Math.min(byLast, beforePrev)));
            return;
        }
        matchZxid.put(from, Math.max(matchZxid.get(from), ack.matchZxid()));
        knownPrefix.put(from, Math.max(knownPrefix.get(from), countAtOrBelow(ack.verifiedZxid())));
        advanceCommit();
    }

    private void advanceCommit() {
        List<Long> positions = new ArrayList<>();
        positions.add(commitBeforeLeaderDurable ? lastZxid() : durableZxid);
        positions.addAll(matchZxid.values());
        positions.sort((a, b) -> Long.compare(b, a));
        // Committed only once durable here too: a restarted leader must never lose a committed entry.
        long candidate = commitBeforeLeaderDurable ? Math.min(positions.get(quorum - 1), lastZxid())
                : Math.min(positions.get(quorum - 1), durableZxid);
        if (candidate > commitZxid) {
            commitZxid = candidate;
        }
        deliver(commitZxid);
    }

    // ---- follower ----

    private void onAppend(Append a) {
        if (a.epoch() < epoch) {
            return;
        }
        if (a.epoch() > epoch) {
            epoch = a.epoch();
            verifiedZxid = 0;
            leadershipChange = new Leadership(Role.FOLLOWER, epoch, leaderId);
        }
        int at = a.prevZxid() == 0 ? 0 : indexOf(a.prevZxid()) + 1;
        if (at == 0 && a.prevZxid() != 0) {
            outbox.add(new Outbound(leaderId, new Ack(epoch, 0, 0, true, lastZxid(), a.prevZxid())));
            return;
        }
        for (LogEntry entry : a.entries()) {
            if (at < log.size()) {
                if (log.get(at).zxid() == entry.zxid()) {
                    at++;
                    continue;
                }
                truncateAfter(at == 0 ? 0 : log.get(at - 1).zxid());
            }
            log.add(entry);
            toPersist.add(entry);
            at++;
        }
        long last = a.entries().isEmpty() ? a.prevZxid() : a.entries().get(a.entries().size() - 1).zxid();
        verifiedZxid = Math.max(verifiedZxid, last);
        commitZxid = Math.max(commitZxid, a.commitZxid());
        deliver(Math.min(commitZxid, verifiedZxid));
        outbox.add(new Outbound(leaderId, ack()));
    }

    private void truncateAfter(long zxid) {
        int keep = countAtOrBelow(zxid);
        log.subList(keep, log.size()).clear();
        toPersist.removeIf(e -> e.zxid() > zxid);
        pendingTruncate = pendingTruncate == -1 ? zxid : Math.min(pendingTruncate, zxid);
        durableZxid = Math.min(durableZxid, zxid);
        deliveredZxid = Math.min(deliveredZxid, zxid);
    }

    private Ack ack() {
        return new Ack(epoch, Math.min(verifiedZxid, durableZxid), verifiedZxid, false, lastZxid(), 0);
    }

    // ---- both ----

    private void deliver(long upTo) {
        for (int i = countAtOrBelow(deliveredZxid); i < log.size() && log.get(i).zxid() <= upTo; i++) {
            committed.add(log.get(i));
            deliveredZxid = log.get(i).zxid();
        }
    }

    private long lastZxid() {
        return log.isEmpty() ? 0 : log.get(log.size() - 1).zxid();
    }

    /** The index of {@code zxid} in the log, or -1. */
    private int indexOf(long zxid) {
        int i = countAtOrBelow(zxid) - 1;
        return i >= 0 && log.get(i).zxid() == zxid ? i : -1;
    }

    /** How many log entries have a zxid at or below {@code zxid} (the log is sorted by zxid). */
    private int countAtOrBelow(long zxid) {
        int lo = 0;
        int hi = log.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (log.get(mid).zxid() <= zxid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "PrimaryBackup{id=" + id + ", epoch=" + epoch + ", log=" + log.size() + ", commit=" + commitZxid
                + ", delivered=" + deliveredZxid + ", durable=" + durableZxid + ", prefixes=" + knownPrefix
                + ", match=" + matchZxid + "}";
    }
}
