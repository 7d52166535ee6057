package io.chorus.api.spi;

/** What a server currently is in its ensemble. */
public enum Role {
    LOOKING,
    FOLLOWER,
    LEADER,
    STANDALONE
}
