package io.chorus.zab;

/** What a follower knows about the leader it follows, for one epoch. */
final class FollowerState {
    final int leaderId;
    /** -1 until LEADERINFO arrived. */
    long epoch = -1;
    boolean syncReceived;
    /** The zxid NEWLEADER said the history ends at; -1 until it arrived. */
    long newLeaderZxid = -1;
    boolean ackedNewLeader;
    /** UPTODATE that arrived before this follower could acknowledge NEWLEADER. */
    ZabMessage.UpToDate pendingUpToDate;
    long commitZxid;
    long lastAckSent = -1;
    long lastHeardMillis;

    FollowerState(int leaderId, long nowMillis) {
        this.leaderId = leaderId;
        this.lastHeardMillis = nowMillis;
    }
}
