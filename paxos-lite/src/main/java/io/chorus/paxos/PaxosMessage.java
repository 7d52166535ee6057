package io.chorus.paxos;

import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.StateSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * Every message paxos-lite servers exchange. Slots are implicit: a list of entries starts at {@code firstSlot}
 * and runs on without a hole, because an acceptor's log has none (it accepts in slot order).
 */
public sealed interface PaxosMessage extends PeerMessage {

    /** Phase 1a, once for every slot after {@code committed} (the slots the candidate knows are chosen). */
    record Prepare(long ballot, long committed) implements PaxosMessage {
    }

    /**
     * Phase 1b: the acceptor promised {@code ballot}. {@code entries} are its log from {@code firstSlot} (the
     * candidate's committed slot + 1) to its end; those at or below {@code chosenThrough} it knows are chosen,
     * the others it accepted in ballot {@code acceptedBallot} (or, after a crash in the middle of a catch-up,
     * in a later one: a value is never reported with a higher ballot than it was accepted in).
     */
    record Promise(long ballot, long chosenThrough, long acceptedBallot, long firstSlot, List<byte[]> entries)
            implements PaxosMessage {
        public Promise {
            entries = List.copyOf(entries);
        }
    }

    /**
     * A refusal: {@code ballot} is not above what this acceptor promised ({@code promised}), or ({@code behind})
     * the candidate lacks chosen slots this acceptor's log no longer holds, so it could not learn them here.
     */
    record Reject(long ballot, long promised, boolean behind) implements PaxosMessage {
    }

    /**
     * Leader to follower: make your log from {@code firstSlot} the leader's. With a snapshot, the follower's
     * state becomes the snapshot's and the entries follow it ({@code firstSlot} is the snapshot's slot + 1).
     */
    record CatchUp(long ballot, long firstSlot, List<byte[]> entries, StateSnapshot snapshot, long committed)
            implements PaxosMessage {
        public CatchUp {
            entries = List.copyOf(entries);
        }
    }

    /** Phase 2a for a batch of slots, from {@code firstSlot} on; {@code committed} tells what is chosen. */
    record Accept(long ballot, long firstSlot, List<byte[]> entries, long committed) implements PaxosMessage {
        public Accept {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Phase 2b: every slot through {@code through} is durably accepted in {@code ballot}. Also the answer to
     * heartbeat round {@code round} (0 when it answers an Accept).
     */
    record Accepted(long ballot, long through, long round) implements PaxosMessage {
    }

    /** A follower that cannot take the leader's entries yet asks to be caught up from its committed slot. */
    record NeedCatchUp(long ballot, long committed, long last) implements PaxosMessage {
    }

    /**
     * The leader is alive in {@code ballot}; slots through {@code committed} are chosen. Answered with Accepted,
     * which echoes {@code round} (linearizable reads count the answers).
     */
    record Heartbeat(long ballot, long committed, long round) implements PaxosMessage {
    }

    /** Learning: slots through {@code committed} are chosen (sent when that moves, unanswered). */
    record Commit(long ballot, long committed) implements PaxosMessage {
    }

    /** A proposal a follower received, for the leader to order. */
    record Forward(byte[] payload) implements PaxosMessage {
        public Forward {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** An application message for the leader's driver (sessions kept alive). */
    record ToLeader(byte[] bytes) implements PaxosMessage {
        public ToLeader {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** An application message from the leader to a follower's driver (the answer to a forwarded read). */
    record ToFollower(byte[] bytes) implements PaxosMessage {
        public ToFollower {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** A follower's read barrier: which slot must it have applied? */
    record ReadIndexRequest(long token) implements PaxosMessage {
    }

    /** The leader's last slot when the request reached it. */
    record ReadIndexReply(long token, long slot) implements PaxosMessage {
    }
}
