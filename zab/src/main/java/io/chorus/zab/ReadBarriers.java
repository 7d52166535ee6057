package io.chorus.zab;

import io.chorus.api.spi.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Read barriers, ZooKeeper's {@code sync}: a barrier is satisfied once this server has applied everything the
 * leader had proposed when the barrier reached it. A follower learns that zxid with a round trip to the leader
 * (SYNCREQUEST/SYNCREPLY, in order with the proposals); the leader uses its own last proposed zxid. This is
 * not a quorum-confirmed linearizable read: a deposed leader that has not noticed yet may answer from stale
 * state, as ZooKeeper's sync may.
 */
final class ReadBarriers {
    private static final class Pending {
        final long token;
        long targetZxid = -1;
        boolean requested;

        Pending(long token) {
            this.token = token;
        }
    }

    private final Replica replica;
    private final List<Pending> pending = new ArrayList<>();

    ReadBarriers(Replica replica) {
        this.replica = replica;
    }

    void add(long token) {
        pending.add(new Pending(token));
        arm();
    }

    /** Asks for the targets of barriers that have none, now that a leader is established. */
    void arm() {
        for (Pending p : pending) {
            if (p.targetZxid >= 0 || p.requested) {
                continue;
            }
            if (replica.role == Role.LEADER) {
                p.targetZxid = replica.history.lastZxid();
            } else if (replica.role == Role.FOLLOWER) {
                replica.send(replica.leaderId, new ZabMessage.SyncRequest(p.token));
                p.requested = true;
            }
        }
        delivered(replica.deliveredZxid);
    }

    void replied(long token, long zxid) {
        for (Pending p : pending) {
            if (p.token == token && p.targetZxid < 0) {
                p.targetZxid = zxid;
            }
        }
        delivered(replica.deliveredZxid);
    }

    /** A request sent to a leader that is gone is asked again of the next one. */
    void leaderLost() {
        for (Pending p : pending) {
            if (p.targetZxid < 0) {
                p.requested = false;
            }
        }
    }

    void delivered(long deliveredZxid) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.targetZxid >= 0 && p.targetZxid <= deliveredZxid) {
                replica.out.barrierSatisfied(p.token);
                it.remove();
            }
        }
    }
}
