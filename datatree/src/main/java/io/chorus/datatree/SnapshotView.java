package io.chorus.datatree;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The tree (nodes and sessions) exactly as of {@link #zxid()}, writable on any thread while the apply
 * thread goes on changing the live tree. Close it once written: until then the live tree copies every
 * node it changes that the view still shares.
 */
public interface SnapshotView extends AutoCloseable {
    /** The last zxid applied when the view was taken. */
    long zxid();

    /** Writes the snapshot (see the snapshot package for the format); does not close {@code out}. */
    void writeTo(OutputStream out) throws IOException;

    /** Releases the view; idempotent. Waits for a write in progress on another thread. */
    @Override
    void close();
}
