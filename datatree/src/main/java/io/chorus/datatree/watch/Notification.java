package io.chorus.datatree.watch;

import io.chorus.api.Acl;
import io.chorus.api.WatchedEvent;
import java.util.List;

/**
 * A watch event to deliver to a session, if the session may READ under {@code acl} (null: no check,
 * as for the events setWatches reports at once).
 */
public record Notification(long sessionId, WatchedEvent event, List<Acl> acl) {
}
