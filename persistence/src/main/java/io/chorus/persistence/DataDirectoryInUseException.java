package io.chorus.persistence;

import java.io.IOException;
import java.nio.file.Path;

/** Another Chorus server (or another open {@link DataDirectory} in this JVM) already holds the directory. */
public final class DataDirectoryInUseException extends IOException {
    private final transient Path directory;

    public DataDirectoryInUseException(Path directory, String detail) {
        super("data directory " + directory + " is in use: " + detail);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
