package io.chorus.testkit.sim;

import io.chorus.api.spi.DurableMetadata;
import java.util.HashMap;
import java.util.Map;

/** Durable metadata on the simulated disk: every put is durable on return, so a crash loses nothing of it. */
public final class SimMetadata implements DurableMetadata {
    private final Map<String, Long> values = new HashMap<>();

    @Override
    public long get(String key, long absent) {
        return values.getOrDefault(key, absent);
    }

    @Override
    public void put(String key, long value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("metadata key must not be empty");
        }
        values.put(key, value);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
