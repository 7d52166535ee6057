/**
 * The conformance suite: the stock Apache ZooKeeper client and Apache Curator run the same scenarios against
 * a Chorus server and against a real, in-process Apache ZooKeeper, with the same expectations. What ZooKeeper
 * does is the expectation; a scenario that fails only on Chorus is a Chorus bug.
 *
 * <p>The harness: {@link io.chorus.server.conformance.ServerUnderTest} is a running server of either
 * {@link io.chorus.server.conformance.ServerKind}; {@link io.chorus.server.conformance.ConformanceServers} is the
 * JUnit extension that starts one of each per test class and closes every client a test opened;
 * {@link io.chorus.server.conformance.OnEachServer} runs a test once per server. {@code -Dconformance.servers=ZOOKEEPER}
 * (or {@code CHORUS}) narrows a run to one server. {@link io.chorus.server.conformance.RawSession} speaks the
 * wire protocol directly for what the stock client refuses to send (bad paths, a session that never pings).
 *
 * <p>May depend on the Chorus server, the stock ZooKeeper client and server, Curator, JUnit, AssertJ and
 * Awaitility; nothing in main code depends on it.
 */
package io.chorus.server.conformance;
