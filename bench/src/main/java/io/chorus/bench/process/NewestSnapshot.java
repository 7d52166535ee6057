package io.chorus.bench.process;

/**
 * A server's newest snapshot: the zxid it was taken at and the bytes it takes (see the server type for
 * what exactly is counted).
 */
public record NewestSnapshot(long zxid, long bytes) {
    public NewestSnapshot {
        if (bytes < 0) {
            throw new IllegalArgumentException("snapshot 0x" + Long.toHexString(zxid) + " of " + bytes + " bytes");
        }
    }

    /**
     * Bytes per transaction the snapshot covers (its zxid's counter), -1 at counter 0. On a fresh server
     * in one epoch nearly every transaction of a bulk load is a create, so this is close to bytes per
     * znode, and comparable between servers whose newest snapshots were taken at different points.
     */
    public double bytesPerTxn() {
        long counter = zxid & 0xffffffffL;
        return counter == 0 ? -1 : bytes / (double) counter;
    }

    @Override
    public String toString() {
        return String.format("%,d bytes at zxid 0x%x", bytes, zxid);
    }
}
