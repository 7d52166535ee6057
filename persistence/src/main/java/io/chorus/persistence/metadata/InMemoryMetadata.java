package io.chorus.persistence.metadata;

import io.chorus.api.spi.DurableMetadata;
import java.util.HashMap;
import java.util.Map;

/**
 * Metadata in memory, for tests and the simulator: a put is "durable" at once, and {@link #reopen()} gives a
 * new instance with the same values, as a restarted node would find them. Thread-safe.
 */
public final class InMemoryMetadata implements DurableMetadata {
    private final Map<String, Long> values;
    private boolean closed;

    public InMemoryMetadata() {
        this(new HashMap<>());
    }

    private InMemoryMetadata(Map<String, Long> values) {
        this.values = values;
    }

    /** A new, open instance holding this one's values; works after {@link #close()} too. */
    public synchronized InMemoryMetadata reopen() {
        return new InMemoryMetadata(new HashMap<>(values));
    }

    @Override
    public synchronized long get(String key, long absent) {
        MetadataKeys.check(key);
        ensureOpen();
        return values.getOrDefault(key, absent);
    }

    @Override
    public synchronized void put(String key, long value) {
        MetadataKeys.check(key);
        ensureOpen();
        values.put(key, value);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("in-memory metadata is closed");
        }
    }
}
