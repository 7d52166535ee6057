package io.chorus.api;

/** The actual path of a created node (with its sequence suffix, if any) and its stat. */
public record Created(String path, Stat stat) {
}
