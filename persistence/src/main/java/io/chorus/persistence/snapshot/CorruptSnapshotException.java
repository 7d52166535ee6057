package io.chorus.persistence.snapshot;

import java.io.IOException;

/** A stored snapshot's bytes do not match their checksums (or a chunk is missing). */
public final class CorruptSnapshotException extends IOException {
    public CorruptSnapshotException(String message) {
        super(message);
    }
}
