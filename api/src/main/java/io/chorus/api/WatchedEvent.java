package io.chorus.api;

/** A watch notification or a session state change; {@code path} is null for state changes. */
public record WatchedEvent(EventType type, KeeperState state, String path) {
}
