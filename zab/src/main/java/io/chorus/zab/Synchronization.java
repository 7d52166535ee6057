package io.chorus.zab;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.api.spi.ZxidSequence;
import io.chorus.zab.LearnerLink.Stage;
import io.chorus.zab.ZabMessage.AckNewLeader;
import io.chorus.zab.ZabMessage.Diff;
import io.chorus.zab.ZabMessage.NewLeader;
import io.chorus.zab.ZabMessage.Snap;
import io.chorus.zab.ZabMessage.SyncMessage;
import io.chorus.zab.ZabMessage.Trunc;
import io.chorus.zab.ZabMessage.UpToDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The SYNCHRONIZATION phase. The established leader makes each follower's history its own: DIFF (the entries
 * it lacks), TRUNC (cut an uncommitted tail the leader does not have, then DIFF) or SNAP (a snapshot, when the
 * follower is behind what the log still holds or a DIFF would be too long), followed by NEWLEADER. A follower
 * persists the entries and its current epoch before acknowledging NEWLEADER. Only once a quorum acknowledged
 * does the leader commit its history and start broadcast (UPTODATE).
 */
final class Synchronization {
    private final Replica replica;

    Synchronization(Replica replica) {
        this.replica = replica;
    }

    void step(int from, ZabMessage message, long nowMillis) {
        if (message instanceof SyncMessage sync) {
            onSync(from, sync, nowMillis);
        } else if (message instanceof NewLeader newLeader) {
            onNewLeader(from, newLeader, nowMillis);
        } else if (message instanceof AckNewLeader ack) {
            onAckNewLeader(from, ack, nowMillis);
        } else if (message instanceof UpToDate upToDate) {
            onUpToDate(from, upToDate, nowMillis);
        } else {
            throw new IllegalArgumentException("not a synchronisation message: " + message);
        }
    }

    void tick(long nowMillis) {
        if (nowMillis - replica.phaseStartedMillis > replica.settings.initLimitMillis()) {
            replica.goLooking("synchronisation did not finish within initLimit", nowMillis);
        }
    }

    // ---- leader side ----

    /** A quorum acknowledged the new epoch: it becomes this server's current epoch. */
    void establish(long nowMillis) {
        LeaderState leader = replica.leading;
        leader.established = true;
        leader.epochStartZxid = replica.history.lastZxid();
        leader.commitZxid = replica.deliveredZxid;
        leader.zxids = new ZxidSequence(leader.newEpoch, 0);
        replica.enterPhase(Phase.SYNCHRONIZATION, nowMillis);
        for (LearnerLink link : leader.links.values()) {
            if (link.stage == Stage.EPOCH_ACKED) {
                synchronise(link, nowMillis);
            }
        }
        if (replica.planted(PlantedFault.SERVE_BEFORE_NEWLEADER_QUORUM)) {
            startBroadcast(nowMillis);
        } else {
            startBroadcastIfQuorum(nowMillis);
        }
    }

    /** Brings one follower's history to the leader's, then NEWLEADER. */
    void synchronise(LearnerLink link, long nowMillis) {
        LeaderState leader = replica.leading;
        History history = replica.history;
        long followerLast = link.lastZxid;
        long leaderLast = history.lastZxid();
        ZabMessage sync;
        if (followerLast == leaderLast) {
            sync = new Diff(leader.newEpoch, List.of());
        } else if (followerLast < history.coversAfter()) {
            sync = snap(leader.newEpoch, followerLast);
        } else if (history.contains(followerLast)) {
            List<LogEntry> missing = history.after(followerLast);
            sync = missing.size() > replica.settings.maxDiffEntries() ? snap(leader.newEpoch, followerLast) : null;
            if (sync == null) {
                sync = new Diff(leader.newEpoch, missing);
            }
        } else if (replica.planted(PlantedFault.SKIP_TRUNC)) {
            // Bug: the entries after the follower's last zxid, leaving its divergent tail in place.
            List<LogEntry> newer = history.after(history.lastBelow(followerLast)).stream()
                    .filter(e -> e.zxid() > followerLast).toList();
            sync = new Diff(leader.newEpoch, newer);
        } else {
            long common = history.lastBelow(followerLast);
            // Below the snapshot its history starts from there is nothing left to cut back to: replace it.
            sync = common < link.historyStart ? snap(leader.newEpoch, followerLast)
                    : new Trunc(leader.newEpoch, common, history.after(common));
        }
        if (sync == null) {
            link.stage = Stage.SNAPSHOT_PENDING; // sent once the driver's background capture comes back
            link.lastHeardMillis = nowMillis;
            return;
        }
        send(link, sync, nowMillis);
    }

    /** The synchronisation, then NEWLEADER for the leader's history as it ends now. */
    private void send(LearnerLink link, ZabMessage sync, long nowMillis) {
        LeaderState leader = replica.leading;
        long leaderLast = replica.history.lastZxid();
        replica.send(link.serverId, sync);
        replica.send(link.serverId, new NewLeader(leader.newEpoch, leaderLast));
        link.stage = Stage.SYNC_SENT;
        link.syncedZxid = leaderLast;
        link.lastHeardMillis = nowMillis;
        if (replica.planted(PlantedFault.SERVE_BEFORE_NEWLEADER_QUORUM) && replica.phase == Phase.BROADCAST) {
            replica.send(link.serverId, new UpToDate(leader.newEpoch, leader.commitZxid));
        }
    }

    /**
     * SNAP from a snapshot captured now, or null when the driver captures in the background (the followers waiting
     * for it get theirs in {@link #snapshotCaptured}).
     */
    private ZabMessage snap(long epoch, long followerLast) {
        LeaderState leader = replica.leading;
        if (leader.capturePending) {
            return null;
        }
        if (replica.snapshots.startCapture()) {
            leader.capturePending = true;
            return null;
        }
        return snapFrom(replica.snapshots.capture(), epoch, followerLast);
    }

    /**
     * The background capture is done. A capture from before this server's history changed beneath it (TRUNC) is
     * not of this history and is dropped; one the history has since been purged past is taken again.
     */
    void snapshotCaptured(StateSnapshot snapshot, long nowMillis) {
        LeaderState leader = replica.leading;
        if (leader == null || !leader.capturePending) {
            return;
        }
        leader.capturePending = false;
        boolean ofThisHistory = snapshot.zxid() <= replica.history.lastZxid() && replica.history.contains(snapshot.zxid());
        if (!ofThisHistory || snapshot.zxid() < replica.history.coversAfter()) {
            leader.capturePending = replica.snapshots.startCapture();
            Replica.check(leader.capturePending, "a driver that captured in the background refused to again");
            return;
        }
        for (LearnerLink link : List.copyOf(leader.links.values())) {
            if (link.stage == Stage.SNAPSHOT_PENDING) {
                send(link, snapFrom(snapshot, leader.newEpoch, link.lastZxid), nowMillis);
            }
        }
        if (replica.phase == Phase.SYNCHRONIZATION) {
            startBroadcastIfQuorum(nowMillis);
        }
    }

    /** SNAP from {@code snapshot}, unless it is no newer than the follower (then DIFF serves it better). */
    private ZabMessage snapFrom(StateSnapshot snapshot, long epoch, long followerLast) {
        Replica.check(snapshot.zxid() <= replica.history.lastZxid(), "snapshot " + Replica.hex(snapshot.zxid())
                + " is ahead of the leader's history " + Replica.hex(replica.history.lastZxid()));
        if (snapshot.zxid() <= followerLast && followerLast >= replica.history.coversAfter()
                && replica.history.contains(followerLast)) {
            return new Diff(epoch, replica.history.after(followerLast));
        }
        return new Snap(epoch, snapshot, replica.history.after(snapshot.zxid()));
    }

    private void onAckNewLeader(int from, AckNewLeader ack, long nowMillis) {
        LeaderState leader = replica.leading;
        LearnerLink link = leader == null ? null : leader.links.get(from);
        if (link == null || link.stage != Stage.SYNC_SENT || ack.epoch() != leader.newEpoch) {
            return;
        }
        link.stage = Stage.NEWLEADER_ACKED;
        link.ackedZxid = Math.max(link.ackedZxid, link.syncedZxid);
        if (replica.phase == Phase.BROADCAST) {
            replica.send(from, new UpToDate(leader.newEpoch, leader.commitZxid));
            link.stage = Stage.UP_TO_DATE;
            replica.broadcast.commitIfQuorum();
        } else {
            startBroadcastIfQuorum(nowMillis);
        }
    }

    /** Called when the leader's own log catches up, since the leader's acknowledgement counts too. */
    void startBroadcastIfQuorum(long nowMillis) {
        LeaderState leader = replica.leading;
        if (leader == null || !leader.established || replica.phase != Phase.SYNCHRONIZATION) {
            return;
        }
        if (replica.durableZxid < leader.epochStartZxid) {
            // Its own history is not durable yet. Making the new epoch current before it is would let a crash
            // leave a high epoch over a short log, whose vote would then beat servers with committed entries.
            return;
        }
        List<Integer> acked = new ArrayList<>(List.of(replica.myId));
        leader.links.values().stream().filter(LearnerLink::acknowledgedNewLeader).forEach(l -> acked.add(l.serverId));
        if (replica.quorum.isQuorum(acked)) {
            startBroadcast(nowMillis);
        }
    }

    /** A quorum holds the leader's history: it is committed, and the epoch's proposals may begin. */
    private void startBroadcast(long nowMillis) {
        LeaderState leader = replica.leading;
        replica.persistCurrentEpoch(leader.newEpoch);
        replica.enterPhase(Phase.BROADCAST, nowMillis);
        leader.commitZxid = Math.max(leader.commitZxid, leader.epochStartZxid);
        replica.deliverUpTo(leader.commitZxid);
        for (LearnerLink link : leader.links.values()) {
            boolean serveEarly = replica.planted(PlantedFault.SERVE_BEFORE_NEWLEADER_QUORUM)
                    && link.stage == Stage.SYNC_SENT;
            if (link.stage == Stage.NEWLEADER_ACKED || serveEarly) {
                replica.send(link.serverId, new UpToDate(leader.newEpoch, leader.commitZxid));
                if (!serveEarly) {
                    link.stage = Stage.UP_TO_DATE;
                }
            }
            link.lastHeardMillis = Math.max(link.lastHeardMillis, nowMillis - replica.settings.tickMillis());
        }
        replica.leaderReads.startLeading();
        replica.announce(Role.LEADER, replica.myId);
        replica.armBarriers();
    }

    // ---- follower side ----

    private boolean fromLeader(int from, long epoch) {
        FollowerState follower = replica.following;
        return follower != null && from == follower.leaderId && epoch == follower.epoch;
    }

    private void onSync(int from, SyncMessage sync, long nowMillis) {
        FollowerState follower = replica.following;
        if (!fromLeader(from, sync.epoch()) || replica.phase != Phase.SYNCHRONIZATION) {
            return;
        }
        if (follower.syncReceived) {
            replica.goLooking("a second synchronisation from leader " + from, nowMillis);
            return;
        }
        if (sync instanceof Trunc trunc) {
            replica.truncateAfter(trunc.truncateAfterZxid());
        } else if (sync instanceof Snap snap) {
            replica.installSnapshot(snap.snapshot());
        }
        for (LogEntry entry : sync.entries()) {
            replica.log(entry);
        }
        follower.syncReceived = true;
    }

    private void onNewLeader(int from, NewLeader newLeader, long nowMillis) {
        FollowerState follower = replica.following;
        if (!fromLeader(from, newLeader.epoch()) || replica.phase != Phase.SYNCHRONIZATION) {
            return;
        }
        if (!follower.syncReceived || replica.history.lastZxid() != newLeader.lastZxid()) {
            // The synchronisation was lost or reordered: its history is not the leader's, so start over.
            replica.goLooking("NEWLEADER at " + Replica.hex(newLeader.lastZxid()) + " but the history ends at "
                    + Replica.hex(replica.history.lastZxid()), nowMillis);
            return;
        }
        follower.newLeaderZxid = newLeader.lastZxid();
        ackNewLeaderIfDurable(nowMillis);
    }

    /** NEWLEADER is acknowledged only once the synchronised history is durable; then the epoch is current. */
    void ackNewLeaderIfDurable(long nowMillis) {
        FollowerState follower = replica.following;
        if (follower == null || follower.newLeaderZxid < 0 || follower.ackedNewLeader) {
            return;
        }
        if (replica.durableZxid < follower.newLeaderZxid && !replica.planted(PlantedFault.ACK_BEFORE_DURABLE)) {
            return;
        }
        replica.persistCurrentEpoch(follower.epoch);
        replica.send(follower.leaderId, new AckNewLeader(follower.epoch));
        follower.ackedNewLeader = true;
        follower.lastAckSent = follower.newLeaderZxid;
        if (follower.pendingUpToDate != null) {
            startFollowing(follower.pendingUpToDate, nowMillis);
        }
    }

    private void onUpToDate(int from, UpToDate upToDate, long nowMillis) {
        FollowerState follower = replica.following;
        if (!fromLeader(from, upToDate.epoch()) || replica.phase != Phase.SYNCHRONIZATION) {
            return;
        }
        if (!follower.ackedNewLeader) {
            follower.pendingUpToDate = upToDate; // it still waits for its own log
            return;
        }
        startFollowing(upToDate, nowMillis);
    }

    private void startFollowing(UpToDate upToDate, long nowMillis) {
        FollowerState follower = replica.following;
        follower.pendingUpToDate = null;
        follower.commitZxid = Math.max(follower.commitZxid, upToDate.commitZxid());
        replica.enterPhase(Phase.BROADCAST, nowMillis);
        follower.lastHeardMillis = nowMillis;
        replica.announce(Role.FOLLOWER, follower.leaderId);
        replica.deliverUpTo(Math.min(follower.commitZxid, replica.history.lastZxid()));
        replica.broadcast.ackIfDurable();
        replica.armBarriers();
    }
}
