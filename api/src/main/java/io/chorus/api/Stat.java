package io.chorus.api;

/** A znode's metadata, field for field ZooKeeper's {@code Stat}. */
public record Stat(
        long czxid,
        long mzxid,
        long ctime,
        long mtime,
        int version,
        int cversion,
        int aversion,
        long ephemeralOwner,
        int dataLength,
        int numChildren,
        long pzxid) {
}
