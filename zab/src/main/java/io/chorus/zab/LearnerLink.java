package io.chorus.zab;

/** The leader's view of one follower's handshake and progress in the leader's epoch. */
final class LearnerLink {
    /** Where the follower is in its handshake with this leader, in order. */
    enum Stage {
        INFO_RECEIVED, EPOCH_SENT, EPOCH_ACKED,
        /** It needs a snapshot, which the driver is capturing in the background. */
        SNAPSHOT_PENDING,
        SYNC_SENT, NEWLEADER_ACKED, UP_TO_DATE
    }

    final int serverId;
    final long acceptedEpoch;
    Stage stage = Stage.INFO_RECEIVED;
    long currentEpoch;
    /** Its ACKEPOCH was a first promise of the epoch, so it counts towards establishing it. */
    boolean countsForEpoch;
    long lastZxid;
    /** Its history starts at this snapshot's zxid: it cannot be truncated below it. */
    long historyStart;
    /** The leader's last zxid when this follower was synchronised (what its NEWLEADER ack covers). */
    long syncedZxid = -1;
    /** The highest zxid this follower has durably acknowledged; counts towards commits once NEWLEADER is acked. */
    long ackedZxid = -1;
    long lastHeardMillis;

    LearnerLink(int serverId, long acceptedEpoch, long lastZxid, long nowMillis) {
        this.serverId = serverId;
        this.acceptedEpoch = acceptedEpoch;
        this.lastZxid = lastZxid;
        this.lastHeardMillis = nowMillis;
    }

    /** Synchronised, so proposals and commits are sent to it. */
    boolean receivesBroadcast() {
        return stage.compareTo(Stage.SYNC_SENT) >= 0;
    }

    /** Its acknowledgements count towards commits. */
    boolean acknowledgedNewLeader() {
        return stage.compareTo(Stage.NEWLEADER_ACKED) >= 0;
    }
}
