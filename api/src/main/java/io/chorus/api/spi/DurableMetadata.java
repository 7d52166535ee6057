package io.chorus.api.spi;

import java.io.Closeable;
import java.io.IOException;

/** Small durable values a protocol must not forget (epochs, promised ballots). */
public interface DurableMetadata extends Closeable {
    long get(String key, long absent) throws IOException;

    /** Durable when this returns. */
    void put(String key, long value) throws IOException;
}
