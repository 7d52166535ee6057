package io.chorus.datatree;

import io.chorus.api.EventType;

/** A change to a path that fires watches: NODE_CREATED, NODE_DELETED, NODE_DATA_CHANGED or NODE_CHILDREN_CHANGED. */
public record WatchTrigger(String path, EventType type) {
}
