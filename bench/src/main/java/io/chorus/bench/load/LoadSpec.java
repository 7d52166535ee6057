package io.chorus.bench.load;

import io.chorus.bench.process.ClientTransport;

/**
 * The shape of a load run. Every field is bounded, and a value past its bound is refused with a message
 * naming it, before any session is opened.
 *
 * @param sessions           client sessions, each on its own connection
 * @param inFlightPerSession requests each session keeps outstanding (closed loop)
 * @param valueBytes         bytes written by setData and create, and read back by getData
 * @param keyCount           size of the pre-created key space that reads and writes pick from uniformly
 * @param warmupMillis       time before measuring starts, during which latencies are not recorded
 * @param measuredMillis     time during which latencies and completions are recorded
 * @param requestsMax        requests issued per workload at most, whatever the time
 * @param transport          the stock client's socket implementation every session uses
 */
public record LoadSpec(
        int sessions,
        int inFlightPerSession,
        int valueBytes,
        int keyCount,
        long warmupMillis,
        long measuredMillis,
        long requestsMax,
        ClientTransport transport) {

    /** Below the 60 connections per client address both servers allow by default, leaving room for probes. */
    public static final int SESSIONS_MAX = 50;
    /** Chorus's default outstanding-requests bound per connection. */
    public static final int IN_FLIGHT_PER_SESSION_MAX = 1_000;
    /** Under the 1 MiB packet bound (jute.maxbuffer) of both servers, with room for the request's framing. */
    public static final int VALUE_BYTES_MAX = 1_000_000;
    public static final int KEY_COUNT_MAX = 1_000_000;
    public static final long WARMUP_MILLIS_MAX = 600_000;
    public static final long MEASURED_MILLIS_MAX = 3_600_000;
    public static final long REQUESTS_MAX_LIMIT = 1_000_000_000L;

    public LoadSpec {
        requireWithin("sessions", sessions, 1, SESSIONS_MAX);
        requireWithin("in-flight", inFlightPerSession, 1, IN_FLIGHT_PER_SESSION_MAX);
        requireWithin("value-bytes", valueBytes, 0, VALUE_BYTES_MAX);
        requireWithin("keys", keyCount, 1, KEY_COUNT_MAX);
        requireWithin("warm-up milliseconds", warmupMillis, 0, WARMUP_MILLIS_MAX);
        requireWithin("measured milliseconds", measuredMillis, 1, MEASURED_MILLIS_MAX);
        requireWithin("max-requests", requestsMax, 1, REQUESTS_MAX_LIMIT);
        if (transport == null) {
            throw new IllegalArgumentException("client transport must be nio or netty");
        }
    }

    static void requireWithin(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + value);
        }
    }
}
