package io.chorus.datatree.snapshot;

/** A session as a snapshot stores it. */
public record StoredSession(long sessionId, int timeoutMillis, byte[] password) {
}
