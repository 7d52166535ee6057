package io.chorus.testkit.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.sim.FaultPreset;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * paxos-lite seeds that once failed, kept by name with what was wrong. Each runs as
 * {@code ./chorus sim --protocol paxos-lite --seed S} with the same settings would, and must pass every checker and
 * make progress after healing.
 */
class PaxosLiteRegressionSeedsTest {
    /**
     * 3 nodes, default faults: the leader had applied its own replayed tail (not yet chosen) and both followers
     * were behind its snapshot, so they needed a snapshot of chosen state it could not take; it waited for one
     * forever. It now catches them up from its log when it can, and otherwise stands back for another leader.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {39, 102})
    void aLeaderThatCannotSnapshotChosenStateStillCatchesFollowersUp(long seed) {
        assertPasses(seed, SeedRun.Settings.defaults());
    }

    /**
     * 3 nodes: a restarted server announced itself a follower (or leader) while its tree held a replayed tail that
     * was never chosen; clients read that state and then a catch-up took it back (watch-before-new-state,
     * sequentially-consistent-reads). A server now serves only once everything it applied is chosen, and a
     * leader once what it recovered in phase 1 is.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {114})
    void aServerServesOnlyChosenStateDefaultFaults(long seed) {
        assertPasses(seed, SeedRun.Settings.defaults());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {291, 357, 504, 549})
    void aServerServesOnlyChosenStateHeavyFaults(long seed) {
        assertPasses(seed, SeedRun.Settings.defaults().withFaults(FaultPreset.HEAVY));
    }

    /**
     * 3 nodes, heavy faults: the only servers able to lead were held off. A leader that could not bring a majority
     * into step was re-elected at once, every time (45); a candidate gave up on the first server that refused it
     * as behind although the others could still make a majority, and a hopelessly behind server kept raising
     * promises over the one that could lead (48, 456).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {45, 48, 456})
    void theServerThatCanLeadGetsToLead(long seed) {
        assertPasses(seed, SeedRun.Settings.defaults().withFaults(FaultPreset.HEAVY));
    }

    /**
     * 5 nodes, heavy faults: the leader and the most up-to-date follower had applied replayed tails not yet chosen
     * and had purged their logs behind a snapshot, so they could neither snapshot chosen state nor send the others
     * the slots they lacked; the one server whose log could catch everyone up was refused as a candidate because
     * it was more than a catch-up's worth behind. Only a candidate whose chosen slots an acceptor can no longer
     * send is refused now.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {114})
    void aServerWhoseLogCanCatchEveryoneUpGetsToLead(long seed) {
        assertPasses(seed, SeedRun.Settings.defaults().withNodes(5).withFaults(FaultPreset.HEAVY));
    }

    /**
     * 5 nodes, heavy faults: every server that could lead had applied a replayed tail not yet chosen and purged its
     * log behind a snapshot, and every other one was behind that snapshot: no leader could capture chosen state or
     * send the slots. A leader now sends the snapshot its log continues from (stored, and at or below what is
     * committed, so chosen state) with its log after it.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {177})
    void aLeaderAheadOfWhatIsCommittedSendsItsStoredSnapshot(long seed) {
        assertPasses(seed, SeedRun.Settings.defaults().withNodes(5).withFaults(FaultPreset.HEAVY));
    }

    private static void assertPasses(long seed, SeedRun.Settings settings) {
        SeedRun.Verdict verdict = PaxosEnsembles.run(seed, settings, Set.of());
        assertThat(verdict.ok()).as("seed " + seed + ":\n" + verdict.describe()).isTrue();
    }
}
