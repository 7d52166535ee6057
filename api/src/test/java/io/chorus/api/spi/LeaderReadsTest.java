package io.chorus.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderReadsTest {
    private static final List<Integer> FIVE = List.of(1, 2, 3, 4, 5);
    private final ReadyBuffer out = new ReadyBuffer();

    private LeaderReads reads(LeaderReadMode mode) {
        LeaderReads reads = new LeaderReads(mode, 1_000, 100, FIVE, out);
        reads.startLeading();
        return reads;
    }

    private List<Long> satisfied() {
        Ready ready = out.ready();
        out.advance(ready);
        return ready.readBarriersSatisfied();
    }

    @Test
    void aReadWaitsForARoundStartedAfterItAndAnsweredByAQuorum() {
        LeaderReads reads = reads(LeaderReadMode.READ_INDEX);
        long early = reads.startRound(0);
        reads.request(7, 10, 10, 5);
        assertThat(reads.roundWanted()).as("a round is in flight: the read waits for the next").isFalse();
        reads.answered(2, early, 10);
        reads.answered(3, early, 10);
        assertThat(satisfied()).as("a round sent before the read confirms nothing about it").isEmpty();

        assertThat(reads.roundWanted()).isTrue();
        long next = reads.startRound(6);
        reads.answered(2, next, 10);
        assertThat(satisfied()).as("two of five, the leader included, are no quorum").isEmpty();
        reads.answered(4, next, 10);
        assertThat(satisfied()).containsExactly(7L);
    }

    @Test
    void aConfirmedReadWaitsUntilWhatWasCommittedIsDelivered() {
        LeaderReads reads = reads(LeaderReadMode.READ_INDEX);
        reads.request(1, 20, 15, 0);
        long round = reads.startRound(0);
        reads.answered(2, round, 15);
        reads.answered(3, round, 15);
        assertThat(satisfied()).isEmpty();
        reads.delivered(19);
        assertThat(satisfied()).isEmpty();
        reads.delivered(20);
        assertThat(satisfied()).containsExactly(1L);
    }

    @Test
    void aRunningLeaseServesWithoutARoundAndAnExpiredOneDoesNot() {
        LeaderReads reads = reads(LeaderReadMode.LEASE);
        long round = reads.startRound(1_000);
        reads.answered(2, round, 0);
        reads.answered(3, round, 0);

        reads.request(1, 0, 0, 1_899); // the lease runs until 1,000 + 1,000 - 100
        assertThat(reads.roundWanted()).isFalse();
        assertThat(satisfied()).containsExactly(1L);

        reads.request(2, 0, 0, 1_900);
        assertThat(satisfied()).as("the lease has run out").isEmpty();
        assertThat(reads.roundWanted()).isTrue();
        long renewal = reads.startRound(1_950);
        reads.answered(4, renewal, 0);
        reads.answered(5, renewal, 0);
        assertThat(satisfied()).containsExactly(2L);
    }

    @Test
    void readsAreRefusedWhenNotLeadingAndWhenLeadershipEnds() {
        LeaderReads reads = new LeaderReads(LeaderReadMode.READ_INDEX, 0, 0, FIVE, out);
        reads.request(1, 0, 0, 0);
        reads.startLeading();
        reads.request(2, 0, 0, 0);
        reads.stopLeading();
        Ready ready = out.ready();
        assertThat(ready.readBarriersRefused()).containsExactly(1L, 2L);
        assertThat(ready.readBarriersSatisfied()).isEmpty();
    }

    @Test
    void answersFromAnEarlierLeadershipDoNotCount() {
        LeaderReads reads = reads(LeaderReadMode.READ_INDEX);
        long old = reads.startRound(0);
        reads.stopLeading();
        reads.startLeading();
        reads.request(3, 0, 0, 1);
        reads.answered(2, old, 0);
        reads.answered(3, old, 0);
        assertThat(satisfied()).as("round %d of this leadership was never sent", old).isEmpty();
    }

    @Test
    void aLeaseNoLongerThanTheDriftIsRefused() {
        assertThatThrownBy(() -> new LeaderReads(LeaderReadMode.LEASE, 100, 100, FIVE, out))
                .hasMessageContaining("grant longer than the drift");
    }
}
