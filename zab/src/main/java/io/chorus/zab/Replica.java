package io.chorus.zab;

import io.chorus.api.spi.ReadyBuffer;
import io.chorus.api.spi.DurableMetadata;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.api.spi.LeaderReads;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.RandomSource;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.api.spi.StateSnapshots;
import io.chorus.api.spi.SyncBarriers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The state one Zab server's phase steps share: its durable epochs, history, delivery point, role and the
 * outbox the next Ready is made from. The phase classes change it; the invariants that would corrupt data if
 * broken are checked here, where the changes happen.
 */
final class Replica {
    static final String ACCEPTED_EPOCH = "zab.acceptedEpoch";
    static final String CURRENT_EPOCH = "zab.currentEpoch";

    final int myId;
    final Quorum quorum;
    final ZabSettings settings;
    final DurableMetadata metadata;
    final StateSnapshots snapshots;
    final RandomSource random;
    final Set<PlantedFault> faults = EnumSet.noneOf(PlantedFault.class);
    final ReadyBuffer out = new ReadyBuffer();
    final SyncBarriers barriers = new SyncBarriers();
    final LeaderReads leaderReads;
    /** Peers whose connection the transport reported closed and that have not been heard from since. */
    final Set<Integer> disconnected = new java.util.HashSet<>();

    History history;
    long acceptedEpoch;
    long currentEpoch;
    Phase phase = Phase.ELECTION;
    Role role = Role.LOOKING;
    int leaderId = -1;
    long phaseStartedMillis;
    /** The time of the latest input that carried one ({@code persisted} does not). */
    long nowMillis;
    /** Everything up to here is durable in this server's log (as far as it knows its history). */
    long durableZxid;
    /** The last entry handed to the driver to apply; deliveries strictly increase. */
    long deliveredZxid;
    /**
     * The newest entry delivered as known committed. The driver's state may run ahead of it without that
     * knowledge: after a restart it replayed its whole log, and an installed snapshot may hold a tail that is
     * not committed yet. Only state beyond this point may be undone by TRUNC or an older snapshot.
     */
    long confirmedZxid;
    /**
     * LEASE reads: this server helps establish no new leader (acknowledges no new epoch, counts itself towards
     * none) before this time, having granted a lease until then (or having restarted, forgetting its grants).
     */
    long leaseGrantedUntil;
    LeaderState leading;
    FollowerState following;
    String lastStepDownReason = "";

    Election election;
    Discovery discovery;
    Synchronization synchronization;
    Broadcast broadcast;

    Replica(int myId, Quorum quorum, ZabSettings settings, DurableMetadata metadata, StateSnapshots snapshots,
            RandomSource random) {
        this.myId = myId;
        this.quorum = quorum;
        this.settings = settings;
        this.metadata = metadata;
        this.snapshots = snapshots;
        this.random = random;
        this.leaderReads = new LeaderReads(settings.leaderReads(), settings.syncLimitMillis(),
                settings.leaseDriftMillis(), quorum.members(), out);
    }

    boolean leaseReads() {
        return settings.leaderReads() == LeaderReadMode.LEASE;
    }

    /** LEASE reads: whether a lease this server granted may still run, so it must not help a new leader yet. */
    boolean leaseGrantRunning(long nowMillis) {
        return leaseReads() && nowMillis < leaseGrantedUntil;
    }

    boolean planted(PlantedFault fault) {
        return faults.contains(fault);
    }

    boolean isLeading() {
        return leading != null;
    }

    boolean isFollowing() {
        return following != null;
    }

    void send(int to, ZabMessage message) {
        if (to != myId) {
            out.send(to, message);
        }
    }

    void sendToPeers(ZabMessage message) {
        for (int id : quorum.members()) {
            send(id, message);
        }
    }

    // ---- durable epochs: durable when DurableMetadata.put returns, before anything acknowledges them ----

    void loadEpochs() {
        try {
            acceptedEpoch = metadata.get(ACCEPTED_EPOCH, 0);
            currentEpoch = metadata.get(CURRENT_EPOCH, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Zab's epochs", e);
        }
        check(currentEpoch <= acceptedEpoch, "current epoch " + currentEpoch + " above accepted " + acceptedEpoch);
    }

    void persistAcceptedEpoch(long epoch) {
        check(epoch >= acceptedEpoch, "accepted epoch going back from " + acceptedEpoch + " to " + epoch);
        put(ACCEPTED_EPOCH, epoch);
        acceptedEpoch = epoch;
    }

    void persistCurrentEpoch(long epoch) {
        check(epoch <= acceptedEpoch, "current epoch " + epoch + " above accepted " + acceptedEpoch);
        check(epoch >= currentEpoch, "current epoch going back from " + currentEpoch + " to " + epoch);
        put(CURRENT_EPOCH, epoch);
        currentEpoch = epoch;
    }

    private void put(String key, long value) {
        try {
            metadata.put(key, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist " + key, e);
        }
    }

    // ---- history, durability and delivery ----

    /** Adds an entry to the history and asks the driver to log it. */
    void log(LogEntry entry) {
        history.append(entry);
        out.persist(entry);
    }

    void markDurable(long zxid) {
        durableZxid = Math.max(durableZxid, Math.min(zxid, history.lastZxid()));
        history.trim(Math.min(durableZxid, deliveredZxid), settings.retainedEntries());
    }

    /** Hands every entry up to {@code zxid} to the driver to apply, in zxid order, with no gaps. */
    void deliverUpTo(long zxid) {
        if (zxid <= deliveredZxid) {
            return;
        }
        check(zxid <= history.lastZxid(), "delivering 0x" + Long.toHexString(zxid) + " beyond the history's end 0x"
                + Long.toHexString(history.lastZxid()));
        for (LogEntry entry : history.between(deliveredZxid, zxid)) {
            check(entry.zxid() > deliveredZxid, "delivered zxids must strictly increase: 0x"
                    + Long.toHexString(entry.zxid()) + " after 0x" + Long.toHexString(deliveredZxid));
            out.deliver(entry);
            deliveredZxid = entry.zxid();
        }
        confirmedZxid = Math.max(confirmedZxid, zxid); // everything up to a commit point is committed
        satisfyBarriers();
        leaderReads.delivered(deliveredZxid);
        history.trim(Math.min(durableZxid, deliveredZxid), settings.retainedEntries());
    }

    /** TRUNC: cut the history after {@code zxid}. Only entries never committed may be cut. */
    void truncateAfter(long zxid) {
        // State not confirmed as committed may be cut (the driver rebuilds); cutting committed state would lose
        // acknowledged writes. Planted faults are let through so the checkers see what they cause.
        check(zxid >= confirmedZxid || !faults.isEmpty(), "TRUNC after " + hex(zxid)
                + " would cut committed entries delivered up to " + hex(confirmedZxid));
        if (zxid < deliveredZxid) {
            deliveredZxid = zxid;
        }
        history.truncateAfter(zxid);
        out.truncateAfter(zxid);
        durableZxid = Math.min(durableZxid, zxid);
    }

    /** SNAP: the driver's state becomes the snapshot's and the history continues after it. */
    void installSnapshot(StateSnapshot snapshot) {
        // As for TRUNC: only state not confirmed as committed may be replaced by an older snapshot. The
        // snapshot's own state is confirmed only when UPTODATE says what is committed.
        check(snapshot.zxid() >= confirmedZxid || !faults.isEmpty(), "snapshot at " + hex(snapshot.zxid())
                + " would undo committed entries delivered up to " + hex(confirmedZxid));
        if (history.lastZxid() > snapshot.zxid()) {
            out.truncateAfter(snapshot.zxid());
        }
        history.replaceWith(snapshot);
        out.install(snapshot);
        durableZxid = Math.min(durableZxid, snapshot.zxid());
        deliveredZxid = snapshot.zxid();
        satisfyBarriers();
    }

    // ---- read barriers (ZooKeeper's sync) ----

    /**
     * Gives read barriers their targets now that a leader is established: leading, its own last zxid; following,
     * the leader's answer to a SYNCREQUEST sent now, in order with the proposals.
     */
    void armBarriers() {
        if (role == Role.LEADER) {
            barriers.targetAll(history.lastZxid());
        } else if (role == Role.FOLLOWER) {
            for (long token : barriers.toRequest()) {
                send(leaderId, new ZabMessage.SyncRequest(token));
            }
        }
        satisfyBarriers();
    }

    void satisfyBarriers() {
        for (long token : barriers.satisfied(deliveredZxid)) {
            out.barrierSatisfied(token);
        }
    }

    // ---- roles ----

    void enterPhase(Phase next, long nowMillis) {
        phase = next;
        phaseStartedMillis = nowMillis;
    }

    void announce(Role newRole, int newLeaderId) {
        role = newRole;
        leaderId = newLeaderId;
        out.leadership(leadership());
    }

    Leadership leadership() {
        return new Leadership(role, currentEpoch, leaderId);
    }

    /** Abandons the current leader or leadership and starts a new election. */
    void goLooking(String reason, long nowMillis) {
        lastStepDownReason = reason;
        boolean wasEstablished = role != Role.LOOKING;
        leading = null;
        following = null;
        enterPhase(Phase.ELECTION, nowMillis);
        if (wasEstablished || leaderId != -1) {
            announce(Role.LOOKING, -1);
        }
        barriers.leaderLost();
        leaderReads.stopLeading();
        election.start(nowMillis);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }

    List<Integer> peers() {
        return quorum.members().stream().filter(id -> id != myId).toList();
    }
}
