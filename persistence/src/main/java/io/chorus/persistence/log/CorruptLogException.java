package io.chorus.persistence.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The log on disk is damaged somewhere a crash cannot explain (before the tail, or out of order), so opening
 * it would silently lose or reorder committed entries. Names the file and the byte offset of the damage.
 */
public final class CorruptLogException extends IOException {
    private final transient Path file;
    private final long offset;

    public CorruptLogException(Path file, long offset, String reason) {
        super("corrupt transaction log " + file + " at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
