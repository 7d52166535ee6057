package io.chorus.testkit.sim;

import io.chorus.api.spi.RandomSource;
import java.util.SplittableRandom;

/**
 * The seeded randomness of a run. Each consumer (the network, the fault schedule, every node incarnation)
 * gets its own {@link #split() split} stream, so that, say, one more network message does not shift the
 * random numbers a node's election timeout draws, and seeds stay comparable as code changes.
 */
public final class SimRandom implements RandomSource {
    private final SplittableRandom random;

    public SimRandom(long seed) {
        this(new SplittableRandom(seed));
    }

    private SimRandom(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, itself determined by this one's state. */
    public SimRandom split() {
        return new SimRandom(random.split());
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    @Override
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in [min, max]. */
    public long between(long min, long max) {
        return min == max ? min : random.nextLong(min, max + 1);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    /** True with probability {@code p} (never for p &lt;= 0, so a zero rate draws nothing). */
    public boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }
}
