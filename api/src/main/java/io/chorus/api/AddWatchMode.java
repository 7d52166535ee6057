package io.chorus.api;

/** Modes of watches that survive their first notification, numbered as ZooKeeper's. */
public enum AddWatchMode {
    PERSISTENT(0),
    PERSISTENT_RECURSIVE(1);

    private final int mode;

    AddWatchMode(int mode) {
        this.mode = mode;
    }

    public int mode() {
        return mode;
    }

    public static AddWatchMode of(int mode) {
        for (AddWatchMode m : values()) {
            if (m.mode == mode) {
                return m;
            }
        }
        return null;
    }
}
