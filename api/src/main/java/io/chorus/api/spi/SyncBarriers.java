package io.chorus.api.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Read barriers with ZooKeeper's {@code sync} semantics ({@link ConsensusProtocol#readBarrier}), shared by the
 * protocol modules: a barrier is satisfied once this server has applied everything the leader had ordered when the
 * barrier reached it. A follower asks the leader (in order with the leader's proposals, on the same FIFO link) and
 * the leader answers with its last zxid or slot; the leader uses its own. Not a quorum-confirmed read: a deposed
 * leader that has not noticed may answer (see {@link LeaderReads} for reads that are).
 */
public final class SyncBarriers {
    private static final class Pending {
        final long token;
        long targetSlot = -1;
        boolean requested;

        Pending(long token) {
            this.token = token;
        }
    }

    private final List<Pending> pending = new ArrayList<>();

    public void add(long token) {
        pending.add(new Pending(token));
    }

    /** Tokens whose target is unknown and not yet asked of a leader, now marked as asked. */
    public List<Long> toRequest() {
        List<Long> tokens = new ArrayList<>();
        for (Pending p : pending) {
            if (p.targetSlot < 0 && !p.requested) {
                p.requested = true;
                tokens.add(p.token);
            }
        }
        return tokens;
    }

    /** As leader: every barrier without a target gets this server's last zxid or slot. */
    public void targetAll(long lastSlot) {
        for (Pending p : pending) {
            if (p.targetSlot < 0) {
                p.targetSlot = lastSlot;
            }
        }
    }

    /** The leader answered the request for {@code token}. */
    public void replied(long token, long slot) {
        for (Pending p : pending) {
            if (p.token == token && p.targetSlot < 0) {
                p.targetSlot = slot;
            }
        }
    }

    /** A request sent to a leader that is gone is asked again of the next one. */
    public void leaderLost() {
        for (Pending p : pending) {
            if (p.targetSlot < 0) {
                p.requested = false;
            }
        }
    }

    /** Tokens now satisfied by having applied through {@code deliveredSlot}, removed, oldest first. */
    public List<Long> satisfied(long deliveredSlot) {
        List<Long> tokens = new ArrayList<>();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.targetSlot >= 0 && p.targetSlot <= deliveredSlot) {
                tokens.add(p.token);
                it.remove();
            }
        }
        return tokens;
    }
}
