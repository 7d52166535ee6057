package io.chorus.api.spi;

/**
 * Hands out zxids in increasing order within an epoch. The counter never wraps: when it is exhausted
 * the sequence moves to the next epoch (a leader would start a new epoch instead), so zxids stay
 * increasing across the boundary.
 */
public final class ZxidSequence {
    private long epoch;
    private long counter;

    /** The next zxid will be (epoch, counter + 1), or the next epoch's first if the counter is exhausted. */
    public ZxidSequence(long epoch, long counter) {
        if (counter < 0 || counter > Zxid.COUNTER_MAX) {
            throw new IllegalArgumentException("counter " + counter);
        }
        this.epoch = epoch;
        this.counter = counter;
    }

    public long next() {
        if (counter == Zxid.COUNTER_MAX) {
            epoch++;
            counter = 0;
        }
        counter++;
        return Zxid.of(epoch, counter);
    }

    public long epoch() {
        return epoch;
    }
}
