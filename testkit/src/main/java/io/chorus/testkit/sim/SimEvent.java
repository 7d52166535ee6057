package io.chorus.testkit.sim;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Role;

/**
 * The facts of a run that checkers read, in the order they happened ({@link SimHistory}). Every record
 * carries the simulated time and the node it happened on. Payloads appear as {@link TraceHash#hashBytes}
 * hashes, so two events name the same transaction exactly when their payload hashes are equal.
 */
public sealed interface SimEvent {
    long atMillis();

    int node();

    /** A node's protocol handed it {@code zxid} as committed (it then applies it: see {@link Applied}). */
    record Committed(long atMillis, int node, long zxid, long payloadHash) implements SimEvent {
    }

    /**
     * A node applied {@code zxid} to its state machine and then had {@code digest}. {@code replayed} is true
     * when the entry came from the node's own log during restart recovery (or a rebuild after a truncation),
     * not from the protocol: as in ZooKeeper, recovery replays the whole surviving log, including a tail the
     * protocol may later truncate. An Applied that is not replayed always follows its {@link Committed}.
     * (For the checkers: a non-replayed Applied is a "delivered" fact; a {@link Restarted}, or a
     * {@link Truncated} that rebuilt, is a "recovered to zxid" fact and its replayed Applieds can be skipped.)
     */
    record Applied(long atMillis, int node, long zxid, long payloadHash, long digest, boolean replayed)
            implements SimEvent {
    }

    /** A node's log made everything up to {@code zxid} durable and the protocol was told so. */
    record Persisted(long atMillis, int node, long zxid) implements SimEvent {
    }

    /** A node's protocol reported a new role (Ready.leadership). */
    record LeadershipChanged(long atMillis, int node, long epoch, Role role, int leaderId) implements SimEvent {
    }

    /**
     * The protocol told the node to drop its log after {@code afterZxid}. When that cut below what the state
     * machine had applied, the node rebuilt its state machine from the log ({@code rebuilt}), which then
     * holds everything up to {@code appliedZxid} (the log's newest zxid after the cut).
     */
    record Truncated(long atMillis, int node, long afterZxid, boolean rebuilt, long appliedZxid) implements SimEvent {
    }

    /**
     * The protocol had the node install a snapshot (Zab's SNAP): its state machine now holds everything up to
     * {@code zxid} and has {@code digest}. For the checkers, a "recovered to zxid" fact.
     */
    record SnapshotInstalled(long atMillis, int node, long zxid, long digest) implements SimEvent {
    }

    /** A payload was proposed at a node. {@code reached} is false when the node was down or paused. */
    record Proposed(long atMillis, int node, long payloadHash, ProposeOutcome outcome, boolean reached)
            implements SimEvent {
    }

    /** The node crashed: its memory and pending events are gone; its disk kept what it kept. */
    record Crashed(long atMillis, int node) implements SimEvent {
    }

    /**
     * The node restarted over its surviving disk, whose newest logged zxid was {@code lastLoggedZxid}; its new
     * state machine replayed the whole log (the Applied events with {@code replayed} just before this one),
     * so it holds everything up to {@code lastLoggedZxid} when the protocol starts. A node's first start is
     * recorded the same way (with 0).
     */
    record Restarted(long atMillis, int node, long lastLoggedZxid) implements SimEvent {
    }

    /** The node stalled (a GC-like pause) for {@code durationMillis}, holding every event meanwhile. */
    record Paused(long atMillis, int node, long durationMillis) implements SimEvent {
    }
}
