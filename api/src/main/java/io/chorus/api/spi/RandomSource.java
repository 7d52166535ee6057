package io.chorus.api.spi;

/** The randomness every component is given, so that a seeded run replays exactly. */
public interface RandomSource {
    long nextLong();

    /** A uniformly random int in [0, bound). */
    int nextInt(int bound);

    /** Cryptographically strong and unseeded: for what must not be guessed, such as session passwords. */
    static RandomSource secure() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        return new RandomSource() {
            @Override
            public long nextLong() {
                return random.nextLong();
            }

            @Override
            public int nextInt(int bound) {
                return random.nextInt(bound);
            }
        };
    }

    static RandomSource seeded(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        return new RandomSource() {
            @Override
            public long nextLong() {
                return random.nextLong();
            }

            @Override
            public int nextInt(int bound) {
                return random.nextInt(bound);
            }
        };
    }
}
