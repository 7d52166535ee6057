package io.chorus.datatree.watch;

/**
 * The watches one session holds on one path, as bits. ZooKeeper keeps two tables, one for data
 * watches (getData, exists, persistent, persistent recursive) and one for child watches (getChildren,
 * persistent); a session may hold several modes at once on a path.
 */
final class WatchModes {
    static final int DATA_STANDARD = 1;
    static final int DATA_PERSISTENT = 1 << 1;
    static final int DATA_RECURSIVE = 1 << 2;
    static final int CHILD_STANDARD = 1 << 3;
    static final int CHILD_PERSISTENT = 1 << 4;

    static final int DATA_ANY = DATA_STANDARD | DATA_PERSISTENT | DATA_RECURSIVE;
    static final int CHILD_ANY = CHILD_STANDARD | CHILD_PERSISTENT;
    static final int ALL = DATA_ANY | CHILD_ANY;

    private WatchModes() {
    }
}
