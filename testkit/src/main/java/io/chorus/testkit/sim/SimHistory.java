package io.chorus.testkit.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** The {@link SimEvent}s of one run, in the order they happened; checkers read it after (or during) a run. */
public final class SimHistory {
    private final List<SimEvent> events = new ArrayList<>();
    private final List<Consumer<SimEvent>> subscribers = new ArrayList<>();

    void add(SimEvent event) {
        events.add(event);
        for (Consumer<SimEvent> subscriber : subscribers) {
            subscriber.accept(event);
        }
    }

    /**
     * Hears every event from now on, as it is recorded (on the simulator's thread, in order): for a checker's
     * recorder that interleaves these facts with client operations. It must not act on the simulation.
     */
    public void subscribe(Consumer<SimEvent> subscriber) {
        subscribers.add(subscriber);
    }

    /** A read-only view (it grows as the run goes on). */
    public List<SimEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public <T extends SimEvent> List<T> of(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (SimEvent event : events) {
            if (type.isInstance(event)) {
                matching.add(type.cast(event));
            }
        }
        return matching;
    }

    public int size() {
        return events.size();
    }
}
