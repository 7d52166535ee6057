package io.chorus.server.pipeline;

import io.chorus.api.ReadConsistency;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;

/**
 * A request in its session's FIFO queue. A read is executed when it reaches the head (after every
 * earlier write of the session has been applied); a write or sync waits for its reply to be set.
 */
final class PendingRequest {
    enum Kind {
        /** Executed against the tree when it reaches the head of the queue. */
        READ,
        /** Answered when its transaction (or read barrier) completes. */
        AWAIT,
        /** Answered already (errors found before proposing, pings). */
        ANSWERED
    }

    final RequestPacket packet;
    final Kind kind;
    ReplyPacket reply;
    /** The token of a sync's read barrier (or of a SYNC or LINEARIZABLE read's), or -1. */
    long barrierToken = -1;
    /** A read: how fresh it must be. */
    ReadConsistency consistency = ReadConsistency.LOCAL;
    /** A read: its barrier was asked for or it was forwarded to the leader. */
    boolean started;
    /** A read: its barrier was satisfied. */
    boolean barrierPassed;
    /** A read forwarded to the leader: its id, when it was sent, and the leader's answer once it came. */
    long forwardId = -1;
    long forwardedAtMillis;
    ForwardedReads.Reply forwarded;
    /** Close the connection after this reply (closeSession, unknown opcodes). */
    boolean closeAfter;

    PendingRequest(RequestPacket packet, Kind kind) {
        this.packet = packet;
        this.kind = kind;
    }

    boolean isAnswered() {
        return reply != null;
    }

    /** A write handed to the protocol, answered when its transaction applies (not a sync's barrier). */
    boolean isProposedWrite() {
        return kind == Kind.AWAIT && barrierToken == -1;
    }
}
