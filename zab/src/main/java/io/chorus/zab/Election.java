package io.chorus.zab;

import io.chorus.zab.ZabMessage.Notification;
import io.chorus.zab.ZabMessage.PeerState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ELECTION phase: ZooKeeper's fast leader election. A LOOKING server votes for the best vote it has seen
 * (by epoch, last zxid, server id) and tells everyone; once a quorum of the current round agrees with its vote
 * it waits {@code finalizeWait} for a better one, then follows or leads. A server that hears a quorum say they
 * already follow (or lead) a leader which itself says it leads, joins that leader instead.
 */
final class Election {
    private final Replica replica;
    /** The logical clock: notifications of older rounds are stale. */
    private long round;
    private Vote vote;
    /** Votes of LOOKING servers in the current round, this server's own included. */
    private final Map<Integer, Vote> received = new HashMap<>();
    /** Notifications of servers that already follow or lead. */
    private final Map<Integer, Notification> established = new HashMap<>();
    private long finalizeAtMillis = -1;
    private long resendAtMillis;

    Election(Replica replica) {
        this.replica = replica;
    }

    long round() {
        return round;
    }

    void start(long nowMillis) {
        replica.discovery.electionStarted();
        round++;
        received.clear();
        established.clear();
        vote = ownVote();
        received.put(replica.myId, vote);
        finalizeAtMillis = -1;
        if (replica.quorum.size() == 1) {
            decide(nowMillis); // an ensemble of one needs nobody's vote
            return;
        }
        notifyAll(nowMillis);
    }

    private Vote ownVote() {
        return new Vote(replica.myId, replica.history.lastZxid(), replica.currentEpoch);
    }

    private Notification notification() {
        PeerState state = switch (replica.phase) {
            case ELECTION -> PeerState.LOOKING;
            default -> replica.isLeading() ? PeerState.LEADING : PeerState.FOLLOWING;
        };
        return new Notification(vote.leader(), vote.zxid(), vote.epoch(), round, state);
    }

    private void notifyAll(long nowMillis) {
        replica.sendToPeers(notification());
        resendAtMillis = nowMillis + resendMillis() * (1 + replica.random.nextInt(2));
    }

    /**
     * How often votes are told again (times one or two): a tick, but no more than the finalize wait, so that a server
     * configured with ZooKeeper's 2 s ticks does not wait seconds for a lost vote.
     */
    private long resendMillis() {
        return Math.max(1, Math.min(replica.settings.tickMillis(), replica.settings.finalizeWaitMillis()));
    }

    void step(int from, Notification n, long nowMillis) {
        if (replica.phase == Phase.DISCOVERY && replica.isFollowing() && replica.following.leaderId == from
                && n.state() != PeerState.LOOKING && n.leader() != from) {
            // The server this one chose follows another leader (it switched to a better vote, or joined one):
            // it will never answer FOLLOWERINFO, so elect again now rather than wait out initLimit.
            replica.goLooking("chosen leader " + from + " follows " + n.leader(), nowMillis);
            return;
        }
        if (replica.phase != Phase.ELECTION) {
            // Decided already: tell a LOOKING server whom this one follows, so it can join.
            if (n.state() == PeerState.LOOKING) {
                replica.send(from, notification());
                // Votes travel apart from the quorum messages (their own port, their own connection), so a vote
                // sent before its sender decided can arrive after what it sent once it had (FOLLOWERINFO,
                // LEADERINFO). Only a vote of a later round than the one this server decided in says the sender
                // is electing again.
                boolean electingAgain = n.round() > round;
                if (replica.isLeading() && electingAgain) {
                    replica.discovery.followerLooking(from);
                } else if (replica.isFollowing() && replica.following.leaderId == from
                        && replica.phase != Phase.DISCOVERY && electingAgain) {
                    // Its leader sent LEADERINFO (or led), and is electing again: it gave up (say a follower had
                    // a newer history). Waiting out initLimit instead kept this server out of the next election;
                    // in DISCOVERY the prospective leader may simply not have decided yet, and initLimit covers
                    // that. (A leader that restarted starts again from round 1; its closed connection says so.)
                    replica.goLooking("leader " + from + " is looking for a leader", nowMillis);
                }
            }
            return;
        }
        if (n.state() == PeerState.LOOKING) {
            stepLooking(from, n, nowMillis);
        } else {
            stepEstablished(from, n, nowMillis);
        }
    }

    private void stepLooking(int from, Notification n, long nowMillis) {
        Vote before = vote;
        if (n.round() > round) {
            round = n.round();
            received.clear();
            vote = n.vote().beats(ownVote()) ? n.vote() : ownVote();
            received.put(replica.myId, vote);
            notifyAll(nowMillis);
        } else if (n.round() < round) {
            replica.send(from, notification()); // bring the laggard into this round
            return;
        } else if (n.vote().beats(vote)) {
            vote = n.vote();
            received.put(replica.myId, vote);
            notifyAll(nowMillis);
        }
        received.put(from, n.vote());
        if (!vote.equals(before)) {
            finalizeAtMillis = -1;
        } else if (!n.vote().equals(vote)) {
            // Its vote is worse and this one did not change, so nothing was sent: without an answer it would learn
            // the better vote only at this server's next resend (it may have missed it while it still followed).
            replica.send(from, notification());
        }
        if (noBetterVoteCanCome()) {
            decide(nowMillis);
            return;
        }
        if (replica.quorum.isQuorum(agreeing())) {
            if (finalizeAtMillis < 0) {
                finalizeAtMillis = nowMillis + replica.settings.finalizeWaitMillis();
            }
        } else {
            finalizeAtMillis = -1;
        }
    }

    /**
     * Everyone who could vote agrees: every member voted the same in this round, or every member that has not
     * voted is known to be disconnected (it cannot send a better vote soon) and those who did, a quorum, agree.
     * Then waiting {@code finalizeWait} would only delay the decision.
     */
    private boolean noBetterVoteCanCome() {
        List<Integer> agreeing = agreeing();
        if (agreeing.size() != received.size() || !replica.quorum.isQuorum(agreeing)) {
            return false;
        }
        for (int member : replica.quorum.members()) {
            if (!received.containsKey(member) && !replica.disconnected.contains(member)) {
                return false;
            }
        }
        return true;
    }

    /** Tells {@code to}, which takes this server for its leader, whom this server follows or leads. */
    void tellWhomThisServerFollows(int to) {
        replica.send(to, notification());
    }

    /** The transport lost {@code peer}: its vote will not come, which may complete the decision now. */
    void peerDisconnected(long nowMillis) {
        if (replica.phase == Phase.ELECTION && noBetterVoteCanCome()) {
            decide(nowMillis);
        }
    }

    /** The transport reached {@code peer}: tell it this server's vote now rather than at the next resend. */
    void peerConnected(int peer) {
        if (replica.phase == Phase.ELECTION) {
            replica.send(peer, notification());
        }
    }

    private List<Integer> agreeing() {
        return received.entrySet().stream().filter(e -> e.getValue().equals(vote)).map(Map.Entry::getKey).toList();
    }

    private void stepEstablished(int from, Notification n, long nowMillis) {
        established.put(from, n);
        List<Integer> sameLeader = established.entrySet().stream()
                .filter(e -> e.getValue().leader() == n.leader()).map(Map.Entry::getKey).toList();
        Notification leaderSays = established.get(n.leader());
        boolean leaderLeads = leaderSays != null && leaderSays.state() == PeerState.LEADING
                && leaderSays.leader() == n.leader();
        if (n.leader() != replica.myId && leaderLeads && replica.quorum.isQuorum(sameLeader)) {
            round = Math.max(round, n.round());
            vote = n.vote();
            decide(nowMillis);
        }
    }

    void tick(long nowMillis) {
        if (finalizeAtMillis >= 0 && nowMillis >= finalizeAtMillis) {
            if (replica.quorum.isQuorum(agreeing())) {
                decide(nowMillis);
                return;
            }
            finalizeAtMillis = -1;
        }
        if (nowMillis >= resendAtMillis) {
            notifyAll(nowMillis); // notifications may be lost; keep telling
        }
    }

    private void decide(long nowMillis) {
        finalizeAtMillis = -1;
        if (vote.leader() == replica.myId) {
            replica.discovery.lead(nowMillis);
        } else {
            replica.discovery.follow(vote.leader(), nowMillis);
        }
    }
}
