package io.chorus.api;

/** Receives watch notifications and session state changes. */
@FunctionalInterface
public interface Watcher {
    void process(WatchedEvent event);
}
