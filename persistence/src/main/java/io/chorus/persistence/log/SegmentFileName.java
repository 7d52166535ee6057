package io.chorus.persistence.log;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Segment files are named {@code log.<first zxid as 16 lower-case hex digits>}, so names sort by zxid. */
final class SegmentFileName {
    private static final Pattern NAME = Pattern.compile("log\\.[0-9a-f]{16}");

    private SegmentFileName() {
    }

    static String of(long firstZxid) {
        return String.format("log.%016x", firstZxid);
    }

    /** The first zxid a segment file name carries, or empty when the name is not a segment's. */
    static OptionalLong parse(String fileName) {
        if (!NAME.matcher(fileName).matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseUnsignedLong(fileName.substring(4), 16));
    }
}
