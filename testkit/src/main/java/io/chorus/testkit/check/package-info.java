/**
 * Checkers run on every simulated history: is what the clients and replicas saw allowed by
 * ZooKeeper's guarantees? Pure and deterministic: no threads, no clocks, the same history always gets
 * the same answer.
 *
 * <h2>The history</h2>
 * A {@link io.chorus.testkit.check.History} holds {@link io.chorus.testkit.check.ClientOp client
 * operations} (inputs as an {@link io.chorus.testkit.check.Invocation}, invoke time, and a
 * {@link io.chorus.testkit.check.Reply} or none when the outcome is unknown),
 * {@link io.chorus.testkit.check.Notification watch notifications}, and
 * {@link io.chorus.testkit.check.ReplicaFact replica facts} (deliveries with payload hash and digest,
 * leaders established, crashes, recoveries). The simulator fills a
 * {@link io.chorus.testkit.check.HistoryRecorder} as the run goes.
 *
 * <h2>What the recording must get right</h2>
 * <ul>
 *   <li>A successful write's reply zxid is the transaction's own zxid; a read's reply zxid is the serving
 *       replica's last applied zxid (both as ZooKeeper does).</li>
 *   <li>Replies and notifications are recorded in the order the client receives them (the recorder
 *       numbers them per client), and a notification carries the zxid of the transaction that fired
 *       it (the wire carries -1).</li>
 *   <li>Every end of a session, closed or expired, is recorded as a {@code CLOSE_SESSION} operation of
 *       that session (reply OK with the closeSession zxid if known, else left without reply): it deletes
 *       ephemerals, and without it their disappearance looks like a lost write.</li>
 *   <li>A sequential create's reply records the created path; a failed multi's reply records the
 *       per-operation results.</li>
 *   <li>Every delivery of a committed transaction on every node is recorded, in the node's order; a
 *       restart, snapshot install or truncation is a {@code Recovered} fact with the zxid the state
 *       machine then holds, and a crash a {@code Crashed} fact.</li>
 *   <li>{@code settled} is set only when the run ended with faults healed and the cluster had made
 *       progress since the last fault.</li>
 * </ul>
 *
 * <h2>The checkers</h2>
 * {@link io.chorus.testkit.check.HistoryChecks#standard()} runs them all: linearizability per znode,
 * FIFO client order, monotonic session zxids, sequentially consistent reads, watch-before-state,
 * replica digests, one leader per epoch, committed-prefix agreement, and survival of acknowledged
 * writes. A result is PASS, FAIL with readable counterexamples, or INCONCLUSIVE when a search ran out
 * of budget — never a silent pass.
 */
package io.chorus.testkit.check;
