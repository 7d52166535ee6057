/**
 * The closed-loop load generator: N stock ZooKeeper client sessions, each keeping M asynchronous
 * requests in flight, over a pre-created key space (getData, setData, a mix, or creates), with a warm-up
 * and a measured window and HdrHistogram latencies. Every run is bounded in time and in request count
 * and stops by itself. Speaks only the ZooKeeper client protocol, so it loads Chorus and Apache
 * ZooKeeper alike; knows nothing of how the server was started.
 */
package io.chorus.bench.load;
