package io.chorus.server.conformance;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;

/** A watcher that records every event it is given, in delivery order, for a scenario to await and inspect. */
final class WatchEventLog implements Watcher {

    /** How long a scenario waits for an event the server owes it. */
    static final Duration EVENT_WAIT_MAX = Duration.ofSeconds(10);

    /** A node event reduced to what both servers must agree on. */
    record Notification(EventType type, String path) {
    }

    private final List<WatchedEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void process(WatchedEvent event) {
        events.add(event);
    }

    /** Node events (not connection state changes), oldest first. */
    List<Notification> notifications() {
        return events.stream()
                .filter(e -> e.getType() != EventType.None)
                .map(e -> new Notification(e.getType(), e.getPath()))
                .toList();
    }

    List<KeeperState> states() {
        return events.stream().filter(e -> e.getType() == EventType.None).map(WatchedEvent::getState).toList();
    }

    void awaitNotification(EventType type, String path) {
        Notification expected = new Notification(type, path);
        await("notification " + expected).atMost(EVENT_WAIT_MAX).until(() -> notifications().contains(expected));
    }

    void awaitState(KeeperState state) {
        await("session state " + state).atMost(EVENT_WAIT_MAX).until(() -> states().contains(state));
    }
}
