package io.chorus.testkit.sim;

import java.util.PriorityQueue;

/**
 * The simulator's only source of "what happens next": actions ordered by (virtual time, sequence number).
 * The sequence number breaks ties in scheduling order, so two events at the same millisecond always run
 * in the same order and a seed replays exactly. Time only moves when an event runs or {@link #runUntil}
 * reaches its limit; nothing here reads a real clock.
 */
public final class EventQueue {
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long now;
    private long nextSequence;

    /** The current virtual time in milliseconds since the simulation started. */
    public long now() {
        return now;
    }

    /** Runs {@code action} at virtual time {@code atMillis}, which must not be in the past. */
    public void at(long atMillis, Runnable action) {
        if (atMillis < now) {
            throw new IllegalArgumentException("cannot schedule at " + atMillis + ", it is already " + now);
        }
        queue.add(new Scheduled(atMillis, nextSequence++, action));
    }

    /** Runs {@code action} {@code delayMillis} from now (0 = after everything already due now). */
    public void after(long delayMillis, Runnable action) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay " + delayMillis);
        }
        at(now + delayMillis, action);
    }

    /** Runs every event due at or before {@code limitMillis} (including those they schedule), then sets the time to it. */
    public void runUntil(long limitMillis) {
        while (runNextDue(limitMillis)) {
            // each call runs one event
        }
        if (limitMillis > now) {
            now = limitMillis;
        }
    }

    /** Runs the next event if it is due at or before {@code limitMillis}; false when there is none. */
    public boolean runNextDue(long limitMillis) {
        Scheduled next = queue.peek();
        if (next == null || next.atMillis > limitMillis) {
            return false;
        }
        queue.poll();
        now = next.atMillis;
        next.action.run();
        return true;
    }

    public int pending() {
        return queue.size();
    }

    private record Scheduled(long atMillis, long sequence, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(atMillis, other.atMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
