package io.chorus.api;

/** An operation failed with a ZooKeeper result code (and, where one applies, the path). */
public class ChorusException extends Exception {
    private final Code code;
    private final String path;

    public ChorusException(Code code) {
        this(code, null);
    }

    public ChorusException(Code code, String path) {
        super(path == null ? code.name() : code.name() + " for " + path);
        this.code = code;
        this.path = path;
    }

    public Code code() {
        return code;
    }

    /** The path the failure concerns, or null. */
    public String path() {
        return path;
    }
}
