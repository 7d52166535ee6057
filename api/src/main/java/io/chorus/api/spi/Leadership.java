package io.chorus.api.spi;

/** The role this server has, the epoch it holds it in, and the leader it knows of (-1 if none). */
public record Leadership(Role role, long epoch, int leaderId) {
}
