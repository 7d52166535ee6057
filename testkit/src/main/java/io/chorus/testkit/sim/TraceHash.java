package io.chorus.testkit.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A running 64-bit hash of everything that happens in a run, in order: deliveries, drops, ticks, crashes,
 * restarts, persisted and committed entries, faults. Two runs of one seed must end with the same value;
 * when they do not, {@link #keepText() the text trace} shows the first line where they part.
 */
public final class TraceHash {
    private long state = 0x243F6A8885A308D3L;
    private long count;
    private List<String> text;

    /** What kind of step a trace record is (its ordinal goes into the hash: append, never reorder). */
    public enum Kind {
        DELIVER, DROP, DUPLICATE, TICK, PERSISTED, COMMITTED, APPLIED, LEADERSHIP, CRASH, RESTART, PAUSE, RESUME,
        PROPOSE, TRUNCATE, CUT, HEAL, NETWORK_RATES, SNAPSHOT, CONNECTION
    }

    public void record(Kind kind, long atMillis, long a, long b, long c) {
        long h = state;
        h = mix(h ^ kind.ordinal());
        h = mix(h ^ atMillis);
        h = mix(h ^ a);
        h = mix(h ^ b);
        h = mix(h ^ c);
        state = h;
        count++;
        if (text != null) {
            text.add(atMillis + " " + kind + " " + a + " " + b + " " + c);
        }
    }

    /** Also keeps one text line per record (for finding where two runs diverge; costs memory). */
    public void keepText() {
        if (text == null) {
            text = new ArrayList<>();
        }
    }

    public List<String> text() {
        return text == null ? List.of() : List.copyOf(text);
    }

    public long value() {
        return state;
    }

    public long count() {
        return count;
    }

    /** A stable 64-bit hash of bytes (FNV-1a, then mixed): the payload hash used in traces and events. */
    public static long hashBytes(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h ^ bytes.length);
    }

    /** A stable hash of a string (String.hashCode is specified, so it is the same on every JVM). */
    public static long hashString(String s) {
        return mix(s.hashCode());
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
