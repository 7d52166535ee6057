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
 */
public record FileTxnLogOptions(long segmentBytesMax, int recordBytesMax, int writeBufferBytes) {
    /** 64 MiB segments: purge granularity versus the number of files, as ZooKeeper's preallocation size. */
    public static final long SEGMENT_BYTES_MAX_DEFAULT = 64L << 20;
    /** 2 MiB: twice ZooKeeper's default jute.maxbuffer, room for a full-size request plus txn headers. */
    public static final int RECORD_BYTES_MAX_DEFAULT = 2 << 20;
    public static final int WRITE_BUFFER_BYTES_DEFAULT = 2 << 20;

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
    }

    public static FileTxnLogOptions defaults() {
        return new FileTxnLogOptions(SEGMENT_BYTES_MAX_DEFAULT, RECORD_BYTES_MAX_DEFAULT, WRITE_BUFFER_BYTES_DEFAULT);
    }

    public FileTxnLogOptions withSegmentBytesMax(long bytes) {
        return new FileTxnLogOptions(bytes, recordBytesMax, writeBufferBytes);
    }

    /** Also lowers or raises the write buffer to the new record bound when it would no longer fit. */
    public FileTxnLogOptions withRecordBytesMax(int bytes) {
        return new FileTxnLogOptions(segmentBytesMax, bytes, Math.max(writeBufferBytes, bytes));
    }

    public FileTxnLogOptions withWriteBufferBytes(int bytes) {
        return new FileTxnLogOptions(segmentBytesMax, recordBytesMax, bytes);
    }
}
