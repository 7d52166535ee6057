package io.chorus.datatree.node;

import java.util.TreeSet;

/**
 * The generations of the snapshots still open. Nodes older than the newest of them may be read by a
 * snapshot writer on another thread, so the apply thread copies them before changing them. Opened on
 * the apply thread, closed from any thread; the mark is volatile so the apply thread sees a close
 * (after which copying stops) once the writer is done.
 */
final class SnapshotMarks {
    private final TreeSet<Integer> open = new TreeSet<>();
    private volatile int copyBelow;

    synchronized void open(int generation) {
        if (!open.add(generation)) {
            throw new IllegalStateException("snapshot generation opened twice: " + generation);
        }
        copyBelow = open.last();
    }

    synchronized void close(int generation) {
        if (!open.remove(generation)) {
            throw new IllegalStateException("snapshot generation closed twice: " + generation);
        }
        copyBelow = open.isEmpty() ? 0 : open.last();
    }

    /** Nodes and tables of a lower generation must be copied before they change (0 when none is open). */
    int copyBelow() {
        return copyBelow;
    }

    synchronized int openCount() {
        return open.size();
    }
}
