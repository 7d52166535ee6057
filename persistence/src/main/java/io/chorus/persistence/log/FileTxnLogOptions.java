package io.chorus.persistence.log;

/**
 * The bounds of a {@link FileTxnLog}.
 *
 * @param segmentBytesMax  a segment file never grows past this many bytes (header included): the append that
 *                         would cross it starts a new segment
 * @param recordBytesMax   the largest encoded record, header (16 bytes) plus payload; a larger append is
 *                         refused, and a length field above it on disk counts as damage
 * @param writeBufferBytes appends collect in a buffer of this many bytes and reach the file in one write per
 *                         {@link FileTxnLog#sync()} when they fit; at least {@code recordBytesMax}
 * @param preallocateBytes the newest segment is extended with zeros this many bytes at a time ahead of its
 *                         records (never past {@code segmentBytesMax}), so a sync rewrites allocated blocks of
 *                         a file whose size does not change and the file system has no metadata to commit:
 *                         measured here, a write plus fdatasync takes half as long. 0 turns it off
 */
public record FileTxnLogOptions(long segmentBytesMax, int recordBytesMax, int writeBufferBytes, int preallocateBytes) {
    /** 64 MiB segments: purge granularity versus the number of files, as ZooKeeper's preallocation size. */
    public static final long SEGMENT_BYTES_MAX_DEFAULT = 64L << 20;
    /** 2 MiB: twice ZooKeeper's default jute.maxbuffer, room for a full-size request plus txn headers. */
    public static final int RECORD_BYTES_MAX_DEFAULT = 2 << 20;
    public static final int WRITE_BUFFER_BYTES_DEFAULT = 2 << 20;
    /** 1 MiB: zero-filling it and syncing takes about 3 ms here, once every few thousand records. */
    public static final int PREALLOCATE_BYTES_DEFAULT = 1 << 20;

    public FileTxnLogOptions {
        if (recordBytesMax < RecordFormat.HEADER_BYTES) {
            throw new IllegalArgumentException("recordBytesMax " + recordBytesMax + " is below the "
                    + RecordFormat.HEADER_BYTES + "-byte record header");
        }
        if (writeBufferBytes < recordBytesMax) {
            throw new IllegalArgumentException("writeBufferBytes " + writeBufferBytes
                    + " must hold one record of recordBytesMax " + recordBytesMax);
        }
        if (segmentBytesMax < SegmentHeader.BYTES + (long) recordBytesMax) {
            throw new IllegalArgumentException("segmentBytesMax " + segmentBytesMax
                    + " must hold the segment header and one record of recordBytesMax " + recordBytesMax);
        }
        if (preallocateBytes < 0) {
            throw new IllegalArgumentException("preallocateBytes " + preallocateBytes + " must be 0 (off) or positive");
        }
    }

    /** Without preallocation: segment files are exactly as long as their records. */
    public FileTxnLogOptions(long segmentBytesMax, int recordBytesMax, int writeBufferBytes) {
        this(segmentBytesMax, recordBytesMax, writeBufferBytes, 0);
    }

    public static FileTxnLogOptions defaults() {
        return new FileTxnLogOptions(SEGMENT_BYTES_MAX_DEFAULT, RECORD_BYTES_MAX_DEFAULT, WRITE_BUFFER_BYTES_DEFAULT,
                PREALLOCATE_BYTES_DEFAULT);
    }

    public FileTxnLogOptions withSegmentBytesMax(long bytes) {
        return new FileTxnLogOptions(bytes, recordBytesMax, writeBufferBytes, preallocateBytes);
    }

    /** Also lowers or raises the write buffer to the new record bound when it would no longer fit. */
    public FileTxnLogOptions withRecordBytesMax(int bytes) {
        return new FileTxnLogOptions(segmentBytesMax, bytes, Math.max(writeBufferBytes, bytes), preallocateBytes);
    }

    public FileTxnLogOptions withWriteBufferBytes(int bytes) {
        return new FileTxnLogOptions(segmentBytesMax, recordBytesMax, bytes, preallocateBytes);
    }

    public FileTxnLogOptions withPreallocateBytes(int bytes) {
        return new FileTxnLogOptions(segmentBytesMax, recordBytesMax, writeBufferBytes, bytes);
    }
}
