package io.chorus.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZxidSequenceTest {
    @Test
    void zxidPacksEpochAndCounter() {
        long zxid = Zxid.of(3, 7);
        assertThat(zxid).isEqualTo(0x0000000300000007L);
        assertThat(Zxid.epoch(zxid)).isEqualTo(3);
        assertThat(Zxid.counter(zxid)).isEqualTo(7);
    }

    @Test
    void countsUpWithinTheEpoch() {
        ZxidSequence seq = new ZxidSequence(2, 0);
        assertThat(seq.next()).isEqualTo(Zxid.of(2, 1));
        assertThat(seq.next()).isEqualTo(Zxid.of(2, 2));
    }

    @Test
    void exhaustedCounterMovesToTheNextEpochInsteadOfWrapping() {
        ZxidSequence seq = new ZxidSequence(2, Zxid.COUNTER_MAX - 1);
        long last = seq.next();
        assertThat(last).isEqualTo(Zxid.of(2, Zxid.COUNTER_MAX));
        long next = seq.next();
        assertThat(next).isEqualTo(Zxid.of(3, 1)).isGreaterThan(last);
        assertThat(seq.epoch()).isEqualTo(3);
    }

    @Test
    void outOfRangeEpochOrCounterIsRefused() {
        assertThatThrownBy(() -> Zxid.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZxidSequence(1, Zxid.COUNTER_MAX + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
