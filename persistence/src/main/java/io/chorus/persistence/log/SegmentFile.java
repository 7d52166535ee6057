package io.chorus.persistence.log;

import java.nio.file.Path;

/** A segment file holding whole records {@code firstZxid..lastZxid} in its first {@code sizeBytes} bytes. */
record SegmentFile(Path path, long firstZxid, long lastZxid, long sizeBytes) {
    SegmentFile {
        if (firstZxid <= 0 || lastZxid < firstZxid || sizeBytes <= SegmentHeader.BYTES) {
            throw new IllegalStateException("segment " + path + " firstZxid " + firstZxid + " lastZxid " + lastZxid
                    + " sizeBytes " + sizeBytes + " holds no whole record");
        }
    }
}
