package io.chorus.zab;

import io.chorus.zab.LearnerLink.Stage;
import io.chorus.zab.ZabMessage.AckEpoch;
import io.chorus.zab.ZabMessage.FollowerInfo;
import io.chorus.zab.ZabMessage.LeaderInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DISCOVERY phase. Followers report their accepted epoch (FOLLOWERINFO); once a quorum has, the
 * prospective leader picks an epoch above all of them (LEADERINFO); followers persist it as accepted before
 * acknowledging with their current epoch and last zxid (ACKEPOCH). A quorum of ACKEPOCH establishes the
 * epoch. The leader keeps running this handshake for followers that join later, in any phase.
 */
final class Discovery {
    private final Replica replica;
    /** FOLLOWERINFOs that came while this server was still electing, by sender. */
    private final Map<Integer, FollowerInfo> earlyFollowerInfo = new LinkedHashMap<>();

    Discovery(Replica replica) {
        this.replica = replica;
    }

    void lead(long nowMillis) {
        replica.leading = new LeaderState(replica.currentEpoch, replica.history.lastZxid());
        replica.leaderId = replica.myId;
        replica.enterPhase(Phase.DISCOVERY, nowMillis);
        Map<Integer, FollowerInfo> early = new LinkedHashMap<>(earlyFollowerInfo);
        earlyFollowerInfo.clear();
        early.forEach((from, info) -> onFollowerInfo(from, info, nowMillis));
        if (replica.leading != null && replica.leading.newEpoch < 0) {
            proposeEpochIfQuorum(nowMillis); // an ensemble of one is its own quorum
        }
    }

    void follow(int leaderId, long nowMillis) {
        earlyFollowerInfo.clear();
        replica.following = new FollowerState(leaderId, nowMillis);
        replica.leaderId = leaderId;
        replica.enterPhase(Phase.DISCOVERY, nowMillis);
        sendFollowerInfo();
    }

    void step(int from, ZabMessage message, long nowMillis) {
        if (message instanceof FollowerInfo info) {
            onFollowerInfo(from, info, nowMillis);
        } else if (message instanceof LeaderInfo info) {
            onLeaderInfo(from, info, nowMillis);
        } else if (message instanceof AckEpoch ack) {
            onAckEpoch(from, ack, nowMillis);
        } else {
            throw new IllegalArgumentException("not a discovery message: " + message);
        }
    }

    void tick(long nowMillis) {
        if (nowMillis - replica.phaseStartedMillis > replica.settings.initLimitMillis()) {
            replica.goLooking("discovery did not finish within initLimit", nowMillis);
            return;
        }
        if (replica.isLeading() && replica.leading.newEpoch >= 0) {
            establishIfQuorum(nowMillis); // it may have waited for a lease it granted to run out
        }
        if (replica.isFollowing()) {
            // Until LEADERINFO comes, say it again: FOLLOWERINFO may have been lost, or have reached the
            // prospective leader while it was still electing (it drops it then), and a lost LEADERINFO is sent
            // again in answer. ZooKeeper's learner likewise keeps trying to connect to a leader not yet
            // listening. Without this one lost message cost the whole initLimit.
            sendFollowerInfo();
        }
    }

    private void sendFollowerInfo() {
        FollowerInfo info = new FollowerInfo(replica.acceptedEpoch, replica.history.lastZxid());
        replica.send(replica.following.leaderId, info);
    }

    // ---- leader side ----

    /** A new election: FOLLOWERINFOs kept from before belong to decisions of an earlier one. */
    void electionStarted() {
        earlyFollowerInfo.clear();
    }

    private void onFollowerInfo(int from, FollowerInfo info, long nowMillis) {
        LeaderState leader = replica.leading;
        if (leader == null) {
            if (replica.phase == Phase.ELECTION) {
                // Its sender decided for this server before this server did (say it heard the last vote first):
                // kept for when it leads, rather than waiting for the sender's next resend, a tick later.
                earlyFollowerInfo.put(from, info);
            } else {
                // It takes this server for a leader it is not: tell it whom this one follows, so it elects again.
                replica.election.tellWhomThisServerFollows(from);
            }
            return;
        }
        // A FOLLOWERINFO always starts the handshake afresh: the follower restarted or lost its leader.
        if (leader.newEpoch >= 0 && info.acceptedEpoch() > leader.newEpoch) {
            // It accepted a later epoch from a leader that never got established and would refuse this one
            // forever; a new election picks an epoch above it.
            replica.goLooking("server " + from + " accepted epoch " + info.acceptedEpoch() + ", above "
                    + leader.newEpoch, nowMillis);
            return;
        }
        LearnerLink link = new LearnerLink(from, info.acceptedEpoch(), info.lastZxid(), nowMillis);
        leader.links.put(from, link);
        if (leader.newEpoch >= 0) {
            sendLeaderInfo(link);
        } else {
            proposeEpochIfQuorum(nowMillis);
        }
    }

    private void proposeEpochIfQuorum(long nowMillis) {
        LeaderState leader = replica.leading;
        List<Integer> reported = new ArrayList<>(List.of(replica.myId));
        long highest = replica.acceptedEpoch;
        for (LearnerLink link : leader.links.values()) {
            reported.add(link.serverId);
            highest = Math.max(highest, link.acceptedEpoch);
        }
        if (!replica.quorum.isQuorum(reported)) {
            return;
        }
        // Above every epoch a quorum accepted, so no earlier leader can propose in it (unless the fault is on).
        leader.newEpoch = replica.planted(PlantedFault.NO_EPOCH_INCREASE) ? highest : highest + 1;
        Replica.check(leader.newEpoch <= 0xffffffffL, "epochs exhausted");
        replica.persistAcceptedEpoch(leader.newEpoch);
        for (LearnerLink link : leader.links.values()) {
            sendLeaderInfo(link);
        }
        establishIfQuorum(nowMillis);
    }

    private void sendLeaderInfo(LearnerLink link) {
        replica.send(link.serverId, new LeaderInfo(replica.leading.newEpoch));
        link.stage = Stage.EPOCH_SENT;
    }

    private void onAckEpoch(int from, AckEpoch ack, long nowMillis) {
        LeaderState leader = replica.leading;
        LearnerLink link = leader == null ? null : leader.links.get(from);
        if (link == null || link.stage != Stage.EPOCH_SENT || ack.epoch() != leader.newEpoch) {
            return; // stale: from an earlier handshake
        }
        link.stage = Stage.EPOCH_ACKED;
        link.currentEpoch = ack.currentEpoch();
        link.lastZxid = ack.lastZxid();
        link.historyStart = ack.historyStart();
        // A first promise of the epoch counts; so does a repeated one from a server whose first promise of this
        // very epoch came to this leader (it reconnected: ZooKeeper keeps such a server among the electing
        // followers too). Every server makes a counted promise of an epoch number once, so two leaders that
        // picked the same number still cannot both gather a quorum of them. With the fault the epoch is not
        // new, so repeated promises are all it can get, and it takes them.
        if (ack.currentEpoch() != AckEpoch.ALREADY_ACCEPTED) {
            leader.promisedBy.add(from);
        }
        link.countsForEpoch = leader.promisedBy.contains(from) || replica.planted(PlantedFault.NO_EPOCH_INCREASE);
        if (leader.established) {
            replica.synchronization.synchronise(link, nowMillis);
            return;
        }
        boolean followerAhead = link.countsForEpoch && ack.currentEpoch() > leader.electedEpoch
                || (ack.currentEpoch() == leader.electedEpoch && ack.lastZxid() > leader.electedZxid);
        if (followerAhead) {
            // The election chose a leader that would lose committed history; start again.
            replica.goLooking("server " + from + " has a newer history (epoch " + ack.currentEpoch() + ", "
                    + Replica.hex(ack.lastZxid()) + ")", nowMillis);
            return;
        }
        establishIfQuorum(nowMillis);
    }

    private void establishIfQuorum(long nowMillis) {
        LeaderState leader = replica.leading;
        if (leader.established || replica.leaseGrantRunning(nowMillis)) {
            return; // a lease it granted another leader may still run: it must not count towards a new one yet
        }
        List<Integer> acked = new ArrayList<>(List.of(replica.myId));
        leader.links.values().stream().filter(l -> l.stage == Stage.EPOCH_ACKED && l.countsForEpoch)
                .forEach(l -> acked.add(l.serverId));
        if (replica.quorum.isQuorum(acked)) {
            replica.synchronization.establish(nowMillis);
        }
    }

    /** A follower is electing again: stop sending it this epoch's broadcast. */
    void followerLooking(int from) {
        if (replica.leading != null) {
            replica.leading.links.remove(from);
        }
    }

    // ---- follower side ----

    private void onLeaderInfo(int from, LeaderInfo info, long nowMillis) {
        FollowerState follower = replica.following;
        if (follower == null || from != follower.leaderId || replica.phase != Phase.DISCOVERY) {
            return;
        }
        if (replica.leaseGrantRunning(nowMillis)) {
            // A lease this server granted may still run: it acknowledges the new epoch only after. Its next
            // FOLLOWERINFO (every tick) brings LEADERINFO again.
            return;
        }
        if (info.newEpoch() < replica.acceptedEpoch) {
            replica.goLooking("leader " + from + " proposed epoch " + info.newEpoch() + " below the accepted "
                    + replica.acceptedEpoch, nowMillis);
            return;
        }
        long currentEpoch = replica.currentEpoch;
        if (info.newEpoch() > replica.acceptedEpoch) {
            replica.persistAcceptedEpoch(info.newEpoch()); // durable before ACKEPOCH promises it
        } else {
            // It promised this epoch number already, perhaps to another prospective leader: a second promise
            // must not count towards establishing it, or two leaders could lead the same epoch (ZooKeeper
            // sends -1 for this).
            currentEpoch = AckEpoch.ALREADY_ACCEPTED;
        }
        follower.epoch = info.newEpoch();
        replica.enterPhase(Phase.SYNCHRONIZATION, nowMillis);
        replica.send(from, new AckEpoch(info.newEpoch(), currentEpoch, replica.history.lastZxid(),
                replica.history.coversAfter()));
    }
}
