package io.chorus.experiments.run;

import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;
import java.util.Locale;

/**
 * A read mode as the experiments measure it: a {@link ReadConsistency} and, for LINEARIZABLE, how the leader
 * confirms the read ({@link LeaderReadMode}), which is a setting of the whole ensemble
 * ({@code linearizableReads=readindex|lease}). LINEARIZABLE is confirmed by a quorum round (ReadIndex, the
 * server's default) and LINEARIZABLE_LEASE (shown "LINEARIZABLE-LEASE") by a lease. The other modes run on an
 * ensemble with the default, ReadIndex: nothing of theirs asks the leader to confirm anything.
 */
public enum ReadMode {
    LOCAL(ReadConsistency.LOCAL, LeaderReadMode.READ_INDEX),
    SYNC(ReadConsistency.SYNC, LeaderReadMode.READ_INDEX),
    LEADER(ReadConsistency.LEADER, LeaderReadMode.READ_INDEX),
    LINEARIZABLE(ReadConsistency.LINEARIZABLE, LeaderReadMode.READ_INDEX),
    LINEARIZABLE_LEASE(ReadConsistency.LINEARIZABLE, LeaderReadMode.LEASE);

    private final ReadConsistency consistency;
    private final LeaderReadMode leaderReads;

    ReadMode(ReadConsistency consistency, LeaderReadMode leaderReads) {
        this.consistency = consistency;
        this.leaderReads = leaderReads;
    }

    /** What the clients ask for on the wire. */
    public ReadConsistency consistency() {
        return consistency;
    }

    /** How the ensemble a run of this mode runs on confirms LINEARIZABLE reads. */
    public LeaderReadMode leaderReads() {
        return leaderReads;
    }

    /** The name in tables, CSVs and legends: "LINEARIZABLE-LEASE" for the lease. */
    public String label() {
        return name().replace('_', '-');
    }

    /** The mode a read of {@code consistency} is measured as on an ensemble whose leader confirms as {@code reads}. */
    public static ReadMode of(ReadConsistency consistency, LeaderReadMode reads) {
        return consistency == ReadConsistency.LINEARIZABLE && reads == LeaderReadMode.LEASE ? LINEARIZABLE_LEASE
                : valueOf(consistency.name());
    }

    /** How {@code linearizableReads} spells {@code reads} in a server's configuration: readindex or lease. */
    public static String configValue(LeaderReadMode reads) {
        return reads == LeaderReadMode.READ_INDEX ? "readindex" : reads.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
