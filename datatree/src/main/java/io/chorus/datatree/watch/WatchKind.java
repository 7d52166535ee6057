package io.chorus.datatree.watch;

/** How a watch was set: by getData (DATA), exists on a missing node (EXIST), getChildren (CHILD), or addWatch. */
public enum WatchKind {
    DATA,
    EXIST,
    CHILD,
    PERSISTENT,
    PERSISTENT_RECURSIVE
}
