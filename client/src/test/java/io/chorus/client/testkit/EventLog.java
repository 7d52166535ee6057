package io.chorus.client.testkit;

import static org.awaitility.Awaitility.await;

import io.chorus.api.EventType;
import io.chorus.api.KeeperState;
import io.chorus.api.WatchedEvent;
import io.chorus.api.Watcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A watcher that records what it receives, with the thread it ran on, and waits (bounded) for events. */
public final class EventLog implements Watcher {
    /** Generous: events normally arrive within milliseconds, but the machine is shared. */
    public static final Duration WAIT_MAX = Duration.ofSeconds(15);

    private final List<WatchedEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void process(WatchedEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    public List<WatchedEvent> events() {
        return List.copyOf(events);
    }

    /** The node events (session state changes left out). */
    public List<WatchedEvent> nodeEvents() {
        return events.stream().filter(e -> e.type() != EventType.NONE).toList();
    }

    public List<KeeperState> states() {
        return events.stream().filter(e -> e.type() == EventType.NONE).map(WatchedEvent::state).toList();
    }

    public List<String> threads() {
        return List.copyOf(threads);
    }

    public WatchedEvent awaitEvent(EventType type, String path) {
        return awaitMatching(e -> e.type() == type && path.equals(e.path()), type + " on " + path);
    }

    public void awaitState(KeeperState state) {
        awaitMatching(e -> e.type() == EventType.NONE && e.state() == state, "state " + state);
    }

    /** Waits until {@code count} events matching have arrived. */
    public void awaitCount(Predicate<WatchedEvent> matching, int count) {
        await("" + count + " matching events, have " + events).atMost(WAIT_MAX)
                .until(() -> events.stream().filter(matching).count() >= count);
    }

    private WatchedEvent awaitMatching(Predicate<WatchedEvent> matching, String what) {
        await(what + " among " + events).atMost(WAIT_MAX).until(() -> events.stream().anyMatch(matching));
        return events.stream().filter(matching).findFirst().orElseThrow();
    }
}
