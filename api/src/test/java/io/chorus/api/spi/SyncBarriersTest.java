package io.chorus.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncBarriersTest {
    private final SyncBarriers barriers = new SyncBarriers();

    @Test
    void aFollowersBarrierIsAskedOnceAndSatisfiedWhenWhatTheLeaderHadIsApplied() {
        barriers.add(1);
        barriers.add(2);
        assertThat(barriers.toRequest()).containsExactly(1L, 2L);
        assertThat(barriers.toRequest()).as("asked already").isEmpty();
        barriers.replied(2, 20);
        barriers.replied(1, 10);
        assertThat(barriers.satisfied(9)).isEmpty();
        assertThat(barriers.satisfied(15)).containsExactly(1L);
        assertThat(barriers.satisfied(30)).containsExactly(2L);
        assertThat(barriers.satisfied(30)).as("each once").isEmpty();
    }

    @Test
    void aRequestLostWithItsLeaderIsAskedAgainAndALeaderTargetsItsOwnLast() {
        barriers.add(1);
        assertThat(barriers.toRequest()).containsExactly(1L);
        barriers.leaderLost();
        assertThat(barriers.toRequest()).as("asked of the next leader").containsExactly(1L);
        barriers.leaderLost();
        barriers.targetAll(7); // this server leads now
        barriers.replied(1, 99); // a late answer from the old leader changes nothing
        assertThat(barriers.satisfied(7)).containsExactly(1L);
    }
}
