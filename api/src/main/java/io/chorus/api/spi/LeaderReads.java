package io.chorus.api.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A leader's linearizable reads ({@link ConsensusProtocol#leaderReadBarrier}), shared by the protocol modules.
 * A read is ready once (1) a heartbeat round started after it arrived was answered by a quorum in this
 * leadership ({@link LeaderReadMode#READ_INDEX}), or a lease was running when it arrived ({@link
 * LeaderReadMode#LEASE}), and (2) this server has delivered every entry committed when it arrived.
 *
 * <p>The protocol numbers its heartbeat rounds through {@link #startRound}, puts the number in its heartbeats,
 * and reports each follower's echo with {@link #answered}; a follower answers only heartbeats of the leadership
 * it follows. When {@link #roundWanted} is true a read is waiting for a round and the protocol should send one
 * now instead of waiting for its next tick.
 *
 * <p>Lease arithmetic: a round sent at {@code t} and answered by a quorum means each of those followers heard
 * this leader at or after {@code t} and will not help elect another before that, plus the grant, by its own
 * clock. This leader trusts the lease until {@code t + grant - drift} by its clock.
 */
public final class LeaderReads {
    private record Pending(long token, long readIndex, long round) {
    }

    private final LeaderReadMode mode;
    private final long leaseMillis;
    private final int quorumSize;
    private final ReadyBuffer out;
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** Per follower: the highest round it answered in this leadership. */
    private final Map<Integer, Long> answered = new HashMap<>();
    /** Send times of rounds not yet confirmed (and of the confirmed one, for the lease). */
    private final TreeMap<Long, Long> sentAt = new TreeMap<>();
    private boolean leading;
    private long round;
    private long confirmedRound;
    private boolean roundWanted;

    /**
     * @param mode        how leadership is confirmed
     * @param grantMillis LEASE: how long a follower keeps its promise after hearing the leader
     * @param driftMillis LEASE: how much faster any clock may run than another over a grant
     * @param members     the voting members, this server included (majorities of them are quorums)
     * @param out         where satisfied and refused tokens go
     */
    public LeaderReads(LeaderReadMode mode, long grantMillis, long driftMillis, Collection<Integer> members,
            ReadyBuffer out) {
        this.mode = Objects.requireNonNull(mode, "mode");
        if (mode == LeaderReadMode.LEASE && (driftMillis < 0 || grantMillis <= driftMillis)) {
            throw new IllegalArgumentException("a lease needs a grant longer than the drift allowance: grant "
                    + grantMillis + " ms, drift " + driftMillis + " ms");
        }
        this.leaseMillis = grantMillis - driftMillis;
        this.quorumSize = members.size() / 2 + 1;
        this.out = Objects.requireNonNull(out, "out");
    }

    public LeaderReadMode mode() {
        return mode;
    }

    /**
     * This server became an established leader: no answer to a round sent before counts. Round numbers keep
     * rising across leaderships, so a late answer to an earlier one cannot pass for a later one.
     */
    public void startLeading() {
        refuseAll();
        leading = true;
        confirmedRound = round;
        answered.clear();
        sentAt.clear();
    }

    /** This server no longer leads: every waiting read is refused. */
    public void stopLeading() {
        refuseAll();
        leading = false;
        answered.clear();
        sentAt.clear();
        roundWanted = false;
    }

    public boolean isLeading() {
        return leading;
    }

    /**
     * A linearizable read arrives: {@code committed} is the highest entry known committed now, {@code delivered}
     * the highest this server delivered. Refused at once when not leading.
     */
    public void request(long token, long committed, long delivered, long nowMillis) {
        if (!leading) {
            out.barrierRefused(token);
            return;
        }
        if (mode == LeaderReadMode.LEASE && leaseRunning(nowMillis)) {
            pending.add(new Pending(token, committed, confirmedRound));
        } else {
            pending.add(new Pending(token, committed, round + 1));
            roundWanted = true;
        }
        delivered(delivered);
    }

    /**
     * Whether a read waits for a round not yet started and none is in flight: the protocol should send
     * heartbeats now. Reads that arrive while a round is in flight wait for the next one, so a burst of reads
     * costs one round, not one each (a round that is never confirmed is overtaken by the next tick's).
     */
    public boolean roundWanted() {
        return leading && roundWanted && confirmedRound >= round;
    }

    /** The protocol sends a heartbeat round now; returns the number to put in it. */
    public long startRound(long nowMillis) {
        round++;
        roundWanted = false;
        sentAt.put(round, nowMillis);
        return round;
    }

    /** {@code follower} answered round {@code answeredRound} of this leadership. */
    public void answered(int follower, long answeredRound, long delivered) {
        if (!leading || answeredRound > round || answeredRound <= confirmedRound) {
            return;
        }
        answered.merge(follower, answeredRound, Math::max);
        List<Long> rounds = new ArrayList<>(answered.values());
        rounds.add(round); // this server answers every round it starts
        rounds.sort(null);
        if (rounds.size() < quorumSize) {
            return;
        }
        long confirmed = rounds.get(rounds.size() - quorumSize);
        if (confirmed > confirmedRound) {
            confirmedRound = confirmed;
            sentAt.headMap(confirmedRound, false).clear();
        }
        delivered(delivered);
    }

    /** This server delivered everything up to {@code delivered}: reads confirmed and caught up are ready. */
    public void delivered(long delivered) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.round <= confirmedRound && p.readIndex <= delivered) {
                out.barrierSatisfied(p.token);
                it.remove();
            }
        }
    }

    private boolean leaseRunning(long nowMillis) {
        Long sent = sentAt.get(confirmedRound);
        return sent != null && nowMillis < sent + leaseMillis;
    }

    private void refuseAll() {
        for (Pending p : pending) {
            out.barrierRefused(p.token);
        }
        pending.clear();
    }
}
