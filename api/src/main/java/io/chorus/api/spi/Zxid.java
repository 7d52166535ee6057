package io.chorus.api.spi;

/** A zxid is (epoch, counter): the epoch in the high 32 bits, the counter in the low 32. */
public final class Zxid {
    public static final long COUNTER_MAX = 0xffffffffL;

    private Zxid() {
    }

    public static long of(long epoch, long counter) {
        if (epoch < 0 || epoch > 0xffffffffL || counter < 0 || counter > COUNTER_MAX) {
            throw new IllegalArgumentException("epoch " + epoch + " counter " + counter);
        }
        return (epoch << 32) | counter;
    }

    public static long epoch(long zxid) {
        return zxid >>> 32;
    }

    public static long counter(long zxid) {
        return zxid & COUNTER_MAX;
    }

    public static String toString(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }
}
