package io.chorus.zab;

import io.chorus.api.spi.ZxidSequence;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What a prospective or established leader knows for the one epoch it leads. */
final class LeaderState {
    final Map<Integer, LearnerLink> links = new TreeMap<>();
    /** The history summary it was elected with: a follower ahead of it in discovery means a wrong election. */
    final long electedEpoch;
    final long electedZxid;
    /** -1 until a quorum reported its accepted epoch. */
    long newEpoch = -1;
    /** Servers whose first (counted) promise of {@link #newEpoch} came to this leader, in any of their handshakes. */
    final Set<Integer> promisedBy = new HashSet<>();
    /** A quorum acknowledged {@link #newEpoch}; the leader now synchronises followers. */
    boolean established;
    /** The leader's last zxid when established: the history that NEWLEADER commits. */
    long epochStartZxid = -1;
    ZxidSequence zxids;
    long commitZxid;
    /** A background capture was started for followers that need a snapshot, and has not come back. */
    boolean capturePending;
    /** Only under {@link PlantedFault#COMMIT_AFTER_QUORUM_LOST}: the quorum is gone and it leads on anyway. */
    boolean quorumLost;

    LeaderState(long electedEpoch, long electedZxid) {
        this.electedEpoch = electedEpoch;
        this.electedZxid = electedZxid;
    }
}
