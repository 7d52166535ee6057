package io.chorus.persistence.testing;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** Entries whose payload is a function of their zxid, so any copy of the log can be checked byte for byte. */
public final class TestEntries {
    private TestEntries() {
    }

    /** The payload {@link #entry(long)} carries: "entry-&lt;zxid&gt;". */
    public static byte[] payloadOf(long zxid) {
        return ("entry-" + zxid).getBytes(StandardCharsets.US_ASCII);
    }

    public static LogEntry entry(long zxid) {
        return new LogEntry(zxid, payloadOf(zxid));
    }

    /** An entry with {@code bytes} of payload drawn from a generator seeded by the zxid. */
    public static LogEntry entry(long zxid, int bytes) {
        byte[] payload = new byte[bytes];
        new SplittableRandom(zxid).nextBytes(payload);
        return new LogEntry(zxid, payload);
    }

    public static List<LogEntry> entries(long fromZxid, long toZxid) {
        return LongStream.rangeClosed(fromZxid, toZxid).mapToObj(TestEntries::entry).toList();
    }

    public static void append(TxnLog log, long fromZxid, long toZxid) throws IOException {
        for (LogEntry entry : entries(fromZxid, toZxid)) {
            log.append(entry);
        }
    }

    public static List<LogEntry> readAll(TxnLog log) throws IOException {
        return readAfter(log, 0);
    }

    public static List<LogEntry> readAfter(TxnLog log, long afterZxid) throws IOException {
        List<LogEntry> all = new ArrayList<>();
        Iterator<LogEntry> it = log.readAfter(afterZxid);
        it.forEachRemaining(all::add);
        return all;
    }

    public static List<Long> zxids(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::zxid).toList();
    }

    public static List<Long> range(long fromZxid, long toZxid) {
        return LongStream.rangeClosed(fromZxid, toZxid).boxed().toList();
    }

    /** True when both lists hold the same zxids with byte-identical payloads, in the same order. */
    public static boolean sameEntries(List<LogEntry> actual, List<LogEntry> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            LogEntry a = actual.get(i);
            LogEntry e = expected.get(i);
            if (a.zxid() != e.zxid() || !Arrays.equals(a.payload(), e.payload())) {
                return false;
            }
        }
        return true;
    }

    /** A readable rendering for assertion messages: zxid and payload length per entry. */
    public static String describe(List<LogEntry> entries) {
        StringBuilder text = new StringBuilder("[");
        for (LogEntry e : entries) {
            text.append(text.length() > 1 ? ", " : "")
                    .append(e.zxid()).append(':').append(e.payload().length).append('B');
        }
        return text.append(']').toString();
    }
}
