package io.chorus.datatree.watch;

import io.chorus.api.WatchedEvent;

/** A watch event to deliver to a session. */
public record Notification(long sessionId, WatchedEvent event) {
}
