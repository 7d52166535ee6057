package io.chorus.testkit.sim;

/**
 * How long something takes in simulated milliseconds: a message in flight, an fsync. Reordering of messages
 * needs no switch of its own: two messages on one link with different sampled delays arrive out of order.
 */
@FunctionalInterface
public interface DelayDistribution {
    long sample(SimRandom random);

    static DelayDistribution fixed(long millis) {
        checkNonNegative(millis);
        return random -> millis;
    }

    /** Uniform in [min, max]. */
    static DelayDistribution uniform(long min, long max) {
        checkNonNegative(min);
        if (max < min) {
            throw new IllegalArgumentException("max " + max + " < min " + min);
        }
        return random -> random.between(min, max);
    }

    /** Mostly uniform in [min, max], but with probability {@code spikeChance} up to {@code spikeMax}: a slow link or disk. */
    static DelayDistribution longTail(long min, long max, double spikeChance, long spikeMax) {
        DelayDistribution usual = uniform(min, max);
        DelayDistribution spike = uniform(max, Math.max(max, spikeMax));
        return random -> random.chance(spikeChance) ? spike.sample(random) : usual.sample(random);
    }

    private static void checkNonNegative(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative delay " + millis);
        }
    }
}
