package io.chorus.bench.tree;

import io.chorus.bench.process.ClientTransport;

/**
 * The shape of a tree load; every field bounded.
 *
 * @param nodes       znodes created (not counting the parents)
 * @param parents     parents the nodes are spread over, round-robin
 * @param valueBytes  bytes each node holds
 * @param sessions    client sessions the creates are spread over
 * @param inFlightMax creates outstanding at most, over all sessions
 * @param values      whether the nodes share one value or each has its own
 * @param transport   the stock client's socket implementation every session uses
 */
public record TreeSpec(int nodes, int parents, int valueBytes, int sessions, int inFlightMax, ValueMode values,
        ClientTransport transport) {
    /** Ten million 100-byte nodes take about 2 GB of ZooKeeper heap; more needs a bigger machine than ours. */
    public static final int NODES_MAX = 20_000_000;
    public static final int PARENTS_MAX = 100_000;
    public static final int VALUE_BYTES_MAX = 1_000_000;
    public static final int SESSIONS_MAX = 50;
    public static final int IN_FLIGHT_MAX = 50_000;

    public TreeSpec {
        requireWithin("znodes", nodes, 1, NODES_MAX);
        requireWithin("parents", parents, 1, PARENTS_MAX);
        requireWithin("value-bytes", valueBytes, 0, VALUE_BYTES_MAX);
        requireWithin("sessions", sessions, 1, SESSIONS_MAX);
        requireWithin("in-flight", inFlightMax, 1, IN_FLIGHT_MAX);
        if (values == null) {
            throw new IllegalArgumentException("values must be same or distinct");
        }
        if (transport == null) {
            throw new IllegalArgumentException("client transport must be nio or netty");
        }
    }

    private static void requireWithin(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + value);
        }
    }
}
