package io.chorus.paxos;

/** What a leader knows of one follower. */
final class FollowerProgress {
    /** The next slot to send in an Accept; -1 until a catch-up has been sent. */
    long nextSlot = -1;
    /** Slots durably accepted in this leader's ballot, through this one. */
    long accepted;
    /** The follower has acknowledged something in this ballot, so its log is this leader's through {@link #accepted}. */
    boolean caughtUp;
    long lastHeardMillis;
    long catchUpSentMillis = Long.MIN_VALUE;
    /** A snapshot catch-up waits until this leader's applied state is all chosen. */
    boolean snapshotWanted;

    FollowerProgress(long nowMillis) {
        this.lastHeardMillis = nowMillis;
    }
}
