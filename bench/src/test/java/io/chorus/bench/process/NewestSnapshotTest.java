package io.chorus.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NewestSnapshotTest {
    @Test
    void bytesPerTxnDividesByTheZxidCounterWhateverTheEpoch() {
        assertThat(new NewestSnapshot(0xf464bL, 205_095_601).bytesPerTxn()).isCloseTo(204.88, within());
        assertThat(new NewestSnapshot(0x1_000d_bba0L, 110_048_114).bytesPerTxn()).isCloseTo(122.28, within());
        assertThat(new NewestSnapshot(0x2_0000_0000L, 10).bytesPerTxn()).isEqualTo(-1);
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> new NewestSnapshot(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.01);
    }
}
