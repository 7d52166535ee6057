package io.chorus.persistence.snapshot;

/**
 * How big a stored snapshot is, for monitoring: {@code streamBytes} is the length of the stream its
 * writer produced (for Chorus's data tree: the compressed snapshot), what the store keeps of it before
 * the few bytes of CRC per chunk.
 */
public record StoredSnapshotSize(long zxid, long streamBytes) {
    public StoredSnapshotSize {
        if (zxid < 0 || streamBytes < 0) {
            throw new IllegalArgumentException(
                    "snapshot 0x" + Long.toHexString(zxid) + " of " + streamBytes + " bytes");
        }
    }
}
