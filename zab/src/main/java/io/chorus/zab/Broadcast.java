package io.chorus.zab;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.Zxid;
import io.chorus.zab.ZabMessage.Ack;
import io.chorus.zab.ZabMessage.Commit;
import io.chorus.zab.ZabMessage.Forward;
import io.chorus.zab.ZabMessage.Ping;
import io.chorus.zab.ZabMessage.PingReply;
import io.chorus.zab.ZabMessage.Proposal;
import io.chorus.zab.ZabMessage.SyncReply;
import io.chorus.zab.ZabMessage.SyncRequest;
import io.chorus.zab.ZabMessage.ToFollower;
import io.chorus.zab.ZabMessage.ToLeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BROADCAST phase. The leader gives each proposal the next zxid of its epoch and sends it to every
 * synchronised follower; followers log it and acknowledge once the log says it is durable; the leader commits
 * (cumulatively) what a quorum has acknowledged, and everyone delivers in zxid order. Pings carry the commit
 * point both ways round: a leader that has not heard from a quorum within syncLimit steps down, and a
 * follower that has not heard from its leader within syncLimit looks for another.
 */
final class Broadcast {
    private final Replica replica;

    Broadcast(Replica replica) {
        this.replica = replica;
    }

    void step(int from, ZabMessage message, long nowMillis) {
        if (message instanceof Proposal proposal) {
            onProposal(from, proposal, nowMillis);
        } else if (message instanceof Ack ack) {
            onAck(from, ack);
        } else if (message instanceof Commit commit) {
            onCommit(from, commit.epoch(), commit.zxid());
        } else if (message instanceof Ping ping) {
            onPing(from, ping);
        } else if (message instanceof PingReply reply) {
            onPingReply(from, reply);
        } else if (message instanceof Forward forward) {
            if (replica.isLeading() && replica.phase == Phase.BROADCAST) {
                propose(forward.payload(), nowMillis);
            }
        } else if (message instanceof ToLeader toLeader) {
            if (replica.isLeading() && replica.phase == Phase.BROADCAST) {
                replica.out.appMessage(from, toLeader.bytes());
            }
        } else if (message instanceof ToFollower toFollower) {
            if (replica.isFollowing() && from == replica.following.leaderId) {
                replica.out.appMessage(from, toFollower.bytes());
            }
        } else if (message instanceof SyncRequest request) {
            if (replica.isLeading() && replica.phase == Phase.BROADCAST) {
                replica.send(from, new SyncReply(request.token(), replica.history.lastZxid()));
            }
        } else if (message instanceof SyncReply reply) {
            if (replica.isFollowing() && from == replica.following.leaderId) {
                replica.barriers.replied(reply.token(), reply.zxid());
                replica.satisfyBarriers();
            }
        } else {
            throw new IllegalArgumentException("not a broadcast message: " + message);
        }
    }

    /** See {@link ZabProtocol#sendToLeader}: to the leader being followed in broadcast, or to itself as leader. */
    boolean sendToLeader(byte[] message) {
        if (replica.isFollowing()) {
            if (replica.role != Role.FOLLOWER) {
                return false;
            }
            replica.send(replica.following.leaderId, new ToLeader(message));
            return true;
        }
        if (replica.leading == null || replica.phase != Phase.BROADCAST) {
            return false;
        }
        replica.out.appMessage(replica.myId, message);
        return true;
    }

    /** See {@link ZabProtocol#sendToFollower}: to a synchronised follower of this leader, or to itself. */
    boolean sendToFollower(int server, byte[] message) {
        LeaderState leader = replica.leading;
        if (leader == null || replica.phase != Phase.BROADCAST) {
            return false;
        }
        if (server == replica.myId) {
            replica.out.appMessage(replica.myId, message);
            return true;
        }
        LearnerLink link = leader.links.get(server);
        if (link == null || !link.receivesBroadcast()) {
            return false;
        }
        replica.send(server, new ToFollower(message));
        return true;
    }

    /** See {@link ZabProtocol#leaderReadBarrier}. */
    void leaderRead(long token, long nowMillis) {
        LeaderState leader = replica.leading;
        if (leader == null || replica.phase != Phase.BROADCAST) {
            replica.out.barrierRefused(token);
            return;
        }
        replica.leaderReads.request(token, leader.commitZxid, replica.deliveredZxid, nowMillis);
        pingIfReadsWait(nowMillis);
    }

    /** Starts a heartbeat round at once when a linearizable read waits for one. */
    void pingIfReadsWait(long nowMillis) {
        if (replica.isLeading() && replica.leaderReads.roundWanted()) {
            ping(nowMillis);
        }
    }

    private void ping(long nowMillis) {
        LeaderState leader = replica.leading;
        Ping ping = new Ping(leader.newEpoch, leader.commitZxid, replica.leaderReads.startRound(nowMillis));
        for (LearnerLink link : leader.links.values()) {
            if (link.receivesBroadcast()) {
                replica.send(link.serverId, ping);
            }
        }
    }

    private void onPingReply(int from, PingReply reply) {
        LeaderState leader = replica.leading;
        LearnerLink link = leader == null ? null : leader.links.get(from);
        if (link != null && link.acknowledgedNewLeader() && reply.epoch() == leader.newEpoch) {
            replica.leaderReads.answered(from, reply.round(), replica.deliveredZxid);
        }
    }

    // ---- leader side ----

    ProposeOutcome propose(byte[] payload, long nowMillis) {
        if (replica.isFollowing()) {
            if (replica.role != Role.FOLLOWER) {
                return ProposeOutcome.NO_LEADER;
            }
            replica.send(replica.following.leaderId, new Forward(payload));
            return ProposeOutcome.FORWARDED;
        }
        LeaderState leader = replica.leading;
        if (leader == null || replica.phase != Phase.BROADCAST) {
            return ProposeOutcome.NO_LEADER;
        }
        Replica.check(leader.established && replica.currentEpoch == leader.newEpoch,
                "proposing in epoch " + leader.newEpoch + " that a quorum has not acknowledged");
        if (Zxid.counter(replica.history.lastZxid()) == Zxid.COUNTER_MAX
                && Zxid.epoch(replica.history.lastZxid()) == leader.newEpoch) {
            // The counter must not wrap and the next epoch is not this leader's to take: elect again.
            replica.goLooking("zxid counter of epoch " + leader.newEpoch + " exhausted", nowMillis);
            return ProposeOutcome.NO_LEADER;
        }
        long zxid = leader.zxids.next();
        Replica.check(Zxid.epoch(zxid) == leader.newEpoch, "zxid " + Replica.hex(zxid) + " outside epoch "
                + leader.newEpoch);
        LogEntry entry = new LogEntry(zxid, payload);
        replica.log(entry);
        Proposal proposal = new Proposal(entry); // one instance for every follower: the transport encodes it once
        for (LearnerLink link : leader.links.values()) {
            if (link.receivesBroadcast()) {
                replica.send(link.serverId, proposal);
            }
        }
        return ProposeOutcome.ACCEPTED;
    }

    private void onAck(int from, Ack ack) {
        LeaderState leader = replica.leading;
        LearnerLink link = leader == null ? null : leader.links.get(from);
        if (link == null || !link.acknowledgedNewLeader() || ack.epoch() != leader.newEpoch) {
            return;
        }
        link.ackedZxid = Math.max(link.ackedZxid, Math.min(ack.zxid(), replica.history.lastZxid()));
        commitIfQuorum();
    }

    /** Commits (cumulatively) the highest zxid a quorum has durably acknowledged. */
    void commitIfQuorum() {
        LeaderState leader = replica.leading;
        if (leader == null || replica.phase != Phase.BROADCAST) {
            return;
        }
        Map<Integer, Long> acked = new HashMap<>();
        acked.put(replica.myId, replica.durableZxid);
        for (LearnerLink link : leader.links.values()) {
            if (link.acknowledgedNewLeader()) {
                acked.put(link.serverId, link.ackedZxid);
            }
        }
        boolean alone = replica.planted(PlantedFault.COMMIT_WITHOUT_QUORUM)
                || (leader.quorumLost && replica.planted(PlantedFault.COMMIT_AFTER_QUORUM_LOST));
        long committable = alone ? replica.quorum.highestAckedBy(acked, 1)
                : replica.quorum.highestAckedByQuorum(acked);
        if (committable <= leader.commitZxid) {
            return;
        }
        Replica.check(committable <= replica.history.lastZxid(), "committing " + Replica.hex(committable)
                + " beyond the proposals " + Replica.hex(replica.history.lastZxid()));
        leader.commitZxid = committable;
        replica.deliverUpTo(committable);
        Commit commit = new Commit(leader.newEpoch, committable);
        for (LearnerLink link : leader.links.values()) {
            if (link.receivesBroadcast()) {
                replica.send(link.serverId, commit);
            }
        }
    }

    // ---- follower side ----

    private boolean fromLeader(int from, long epoch) {
        FollowerState follower = replica.following;
        return follower != null && from == follower.leaderId && epoch == follower.epoch;
    }

    private void onProposal(int from, Proposal proposal, long nowMillis) {
        FollowerState follower = replica.following;
        long zxid = proposal.entry().zxid();
        if (!fromLeader(from, Zxid.epoch(zxid)) || !follower.syncReceived) {
            return;
        }
        long last = replica.history.lastZxid();
        if (zxid <= last) {
            return; // a duplicate
        }
        long expected = Zxid.epoch(last) == follower.epoch ? last + 1 : Zxid.of(follower.epoch, 1);
        if (zxid != expected) {
            // A proposal went missing (the channel is not the FIFO one Zab assumes): resynchronise.
            replica.goLooking("proposal " + Replica.hex(zxid) + " arrived, expected " + Replica.hex(expected),
                    nowMillis);
            return;
        }
        replica.log(proposal.entry());
        if (replica.planted(PlantedFault.ACK_BEFORE_DURABLE) && follower.ackedNewLeader) {
            replica.send(from, new Ack(follower.epoch, zxid));
            follower.lastAckSent = zxid;
        }
        if (replica.phase == Phase.BROADCAST) {
            long deliverable = replica.planted(PlantedFault.DELIVER_BEFORE_COMMIT) ? zxid
                    : Math.min(follower.commitZxid, zxid);
            replica.deliverUpTo(deliverable);
        }
    }

    private void onCommit(int from, long epoch, long zxid) {
        FollowerState follower = replica.following;
        if (!fromLeader(from, epoch)) {
            return;
        }
        follower.commitZxid = Math.max(follower.commitZxid, zxid);
        if (replica.phase == Phase.BROADCAST) {
            replica.deliverUpTo(Math.min(follower.commitZxid, replica.history.lastZxid()));
        }
    }

    private void onPing(int from, Ping ping) {
        if (!fromLeader(from, ping.epoch())) {
            return;
        }
        if (replica.leaseReads()) {
            // Answering grants the lease: no help for a new leader until syncLimit from now.
            replica.leaseGrantedUntil = Math.max(replica.leaseGrantedUntil,
                    replica.nowMillis + replica.settings.syncLimitMillis());
        }
        replica.send(from, new PingReply(ping.epoch(), ping.round()));
        onCommit(from, ping.epoch(), ping.commitZxid());
    }

    /** Acknowledges (cumulatively) what the log made durable, once NEWLEADER has been acknowledged. */
    void ackIfDurable() {
        FollowerState follower = replica.following;
        if (follower == null || !follower.ackedNewLeader || replica.durableZxid <= follower.lastAckSent) {
            return;
        }
        replica.send(follower.leaderId, new Ack(follower.epoch, replica.durableZxid));
        follower.lastAckSent = replica.durableZxid;
    }

    // ---- timers ----

    void tick(long nowMillis) {
        if (replica.isLeading()) {
            leaderTick(nowMillis);
        } else if (replica.isFollowing()
                && nowMillis - replica.following.lastHeardMillis > replica.settings.syncLimitMillis()) {
            replica.goLooking("leader " + replica.following.leaderId + " silent for syncLimit", nowMillis);
        }
    }

    private void leaderTick(long nowMillis) {
        LeaderState leader = replica.leading;
        ping(nowMillis);
        List<Integer> inTouch = new ArrayList<>(List.of(replica.myId));
        for (LearnerLink link : leader.links.values()) {
            if (link.acknowledgedNewLeader()
                    && nowMillis - link.lastHeardMillis <= replica.settings.syncLimitMillis()) {
                inTouch.add(link.serverId);
            }
        }
        if (replica.quorum.isQuorum(inTouch)) {
            leader.quorumLost = false;
        } else if (replica.planted(PlantedFault.COMMIT_AFTER_QUORUM_LOST)) {
            leader.quorumLost = true; // bug: lead on, alone
            commitIfQuorum();
        } else {
            replica.goLooking("no quorum heard within syncLimit", nowMillis);
        }
    }
}
