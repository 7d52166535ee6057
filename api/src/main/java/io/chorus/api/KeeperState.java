package io.chorus.api;

/** Session states, numbered as ZooKeeper's {@code Watcher.Event.KeeperState}. */
public enum KeeperState {
    DISCONNECTED(0),
    SYNC_CONNECTED(3),
    AUTH_FAILED(4),
    CONNECTED_READ_ONLY(5),
    SASL_AUTHENTICATED(6),
    EXPIRED(-112),
    CLOSED(7);

    private final int value;

    KeeperState(int value) {
        this.value = value;
    }

    public int intValue() {
        return value;
    }

    public static KeeperState of(int value) {
        for (KeeperState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown keeper state " + value);
    }
}
