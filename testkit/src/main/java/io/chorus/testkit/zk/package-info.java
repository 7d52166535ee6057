/**
 * ZooKeeper-level simulation: the real data tree as each node's state machine ({@link
 * io.chorus.testkit.zk.TreeStateMachine}), clients issuing ZooKeeper operations against it ({@link
 * io.chorus.testkit.zk.TxnClients}), and one seed run end to end with every checker ({@link
 * io.chorus.testkit.zk.SeedRun}); {@link io.chorus.testkit.zk.ZabEnsembles} binds Zab to it.
 */
package io.chorus.testkit.zk;
