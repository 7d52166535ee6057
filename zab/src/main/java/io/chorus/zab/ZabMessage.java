package io.chorus.zab;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.StateSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * Every message Zab servers exchange. Each names the phase whose step class handles it. Messages a leader
 * sends within an epoch carry that epoch, so a late message from an earlier epoch is recognised and dropped
 * (a simulated network may delay a message across an election).
 */
public sealed interface ZabMessage extends PeerMessage {
    Phase phase();

    /** What a server says about itself in fast leader election. */
    enum PeerState { LOOKING, FOLLOWING, LEADING }

    /**
     * A vote for {@code leader}, whose history ends at {@code zxid} in current epoch {@code epoch}, sent in
     * election round {@code round} by a server in {@code state}.
     */
    record Notification(int leader, long zxid, long epoch, long round, PeerState state) implements ZabMessage {
        public Notification {
            Objects.requireNonNull(state, "state");
        }

        Vote vote() {
            return new Vote(leader, zxid, epoch);
        }

        @Override
        public Phase phase() {
            return Phase.ELECTION;
        }
    }

    /** Follower to prospective leader: the epoch it last accepted and where its history ends. */
    record FollowerInfo(long acceptedEpoch, long lastZxid) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.DISCOVERY;
        }
    }

    /** Leader to follower: the new epoch it proposes. */
    record LeaderInfo(long newEpoch) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.DISCOVERY;
        }
    }

    /**
     * Follower to leader: it accepted {@code epoch} (durably); its current epoch and history's last zxid. A
     * current epoch of {@link #ALREADY_ACCEPTED} means it had accepted that epoch before, so this
     * acknowledgement does not count towards establishing it. {@code historyStart} is where its history
     * starts (the snapshot its log continues from): it cannot be truncated below that, only sent a snapshot.
     */
    record AckEpoch(long epoch, long currentEpoch, long lastZxid, long historyStart) implements ZabMessage {
        public static final long ALREADY_ACCEPTED = -1;

        @Override
        public Phase phase() {
            return Phase.DISCOVERY;
        }
    }

    /** The first message of a follower's synchronisation: how to make its history the leader's. */
    sealed interface SyncMessage extends ZabMessage {
        long epoch();

        List<LogEntry> entries();

        @Override
        default Phase phase() {
            return Phase.SYNCHRONIZATION;
        }
    }

    /** Append {@code entries} (the leader's history after the follower's last zxid). */
    record Diff(long epoch, List<LogEntry> entries) implements SyncMessage {
        public Diff {
            entries = List.copyOf(entries);
        }
    }

    /** Cut the follower's history after {@code truncateAfterZxid}, then append {@code entries}. */
    record Trunc(long epoch, long truncateAfterZxid, List<LogEntry> entries) implements SyncMessage {
        public Trunc {
            entries = List.copyOf(entries);
        }
    }

    /** Replace the follower's state with {@code snapshot}, then append {@code entries} (those after it). */
    record Snap(long epoch, StateSnapshot snapshot, List<LogEntry> entries) implements SyncMessage {
        public Snap {
            Objects.requireNonNull(snapshot, "snapshot");
            entries = List.copyOf(entries);
        }
    }

    /** The follower's history now ends at {@code lastZxid}: persist it and the epoch, then acknowledge. */
    record NewLeader(long epoch, long lastZxid) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.SYNCHRONIZATION;
        }
    }

    record AckNewLeader(long epoch) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.SYNCHRONIZATION;
        }
    }

    /** A quorum accepted the new leader: start broadcast; everything up to {@code commitZxid} is committed. */
    record UpToDate(long epoch, long commitZxid) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.SYNCHRONIZATION;
        }
    }

    /** The entry's zxid carries the epoch. */
    record Proposal(LogEntry entry) implements ZabMessage {
        public Proposal {
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    /** Cumulative: every entry of the follower's history up to {@code zxid} is durable. */
    record Ack(long epoch, long zxid) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    /** Cumulative: everything up to {@code zxid} is committed, so a lost COMMIT costs nothing. */
    record Commit(long epoch, long zxid) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    /** The leader's heartbeat, carrying its commit point and the number of its round (for linearizable reads). */
    record Ping(long epoch, long commitZxid, long round) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    /** A follower's answer to the leader's round {@code round} of {@code epoch}. */
    record PingReply(long epoch, long round) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    /** A proposal a follower received from its clients, for the leader to order. */
    record Forward(byte[] payload) implements ZabMessage {
        public Forward {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    /** An application message for the leader (the sessions a follower's clients kept alive); opaque to Zab. */
    record ToLeader(byte[] bytes) implements ZabMessage {
        public ToLeader {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    /** An application message from the leader to a follower (the answer to a forwarded read); opaque to Zab. */
    record ToFollower(byte[] bytes) implements ZabMessage {
        public ToFollower {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    /** A follower's read barrier: which zxid must it have applied to be as fresh as the leader now? */
    record SyncRequest(long token) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }

    record SyncReply(long token, long zxid) implements ZabMessage {
        @Override
        public Phase phase() {
            return Phase.BROADCAST;
        }
    }
}
