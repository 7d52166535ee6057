package io.chorus.api;

/** A znode's data with its stat, as {@code getData} returns it. */
public record NodeData(byte[] data, Stat stat) {
}
