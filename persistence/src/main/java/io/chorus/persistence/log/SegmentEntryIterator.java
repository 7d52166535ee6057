package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the entries above a zxid from a list of segments, a batch at a time. Each batch opens the segment,
 * reads up to {@link #BATCH_BYTES_MAX} and closes it again, so an iterator that is dropped half-way holds no
 * file open. A record that fails its check surfaces as an {@link UncheckedIOException} wrapping a
 * {@link CorruptLogException}.
 */
final class SegmentEntryIterator implements Iterator<LogEntry> {
    static final int BATCH_BYTES_MAX = 1 << 20;

    private final List<SegmentFile> segments;
    private final long afterZxid;
    private final int recordBytesMax;
    private final ArrayDeque<LogEntry> batch = new ArrayDeque<>();
    private int segmentIndex;
    private long offset = SegmentHeader.BYTES;
    private long prevZxid;

    SegmentEntryIterator(List<SegmentFile> segments, long afterZxid, int recordBytesMax) {
        this.segments = List.copyOf(segments);
        this.afterZxid = afterZxid;
        this.recordBytesMax = recordBytesMax;
    }

    @Override
    public boolean hasNext() {
        while (batch.isEmpty() && segmentIndex < segments.size()) {
            try {
                readBatch(segments.get(segmentIndex));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return !batch.isEmpty();
    }

    @Override
    public LogEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.removeFirst();
    }

    private void readBatch(SegmentFile segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            SegmentScanner scanner = new SegmentScanner(channel, offset, segment.sizeBytes(), prevZxid, recordBytesMax);
            long batchBytes = 0;
            while (batchBytes < BATCH_BYTES_MAX) {
                SegmentScanner.Step step = scanner.next();
                if (step instanceof SegmentScanner.Record record) {
                    prevZxid = record.zxid();
                    offset = record.endOffset();
                    if (record.zxid() > afterZxid) {
                        batch.addLast(new LogEntry(record.zxid(), record.payload()));
                        batchBytes += RecordFormat.HEADER_BYTES + record.payload().length;
                    }
                } else if (step instanceof SegmentScanner.Defect defect) {
                    throw new CorruptLogException(segment.path(), defect.offset(), defect.reason());
                } else {
                    segmentIndex++;
                    offset = SegmentHeader.BYTES;
                    return;
                }
            }
        }
    }
}
