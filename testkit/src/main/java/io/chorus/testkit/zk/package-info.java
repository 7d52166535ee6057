/**
 * ZooKeeper-level simulation: the real data tree as each node's state machine ({@link
 * io.chorus.testkit.zk.TreeStateMachine}), the server's own request pipeline on each node ({@link
 * io.chorus.testkit.zk.NodeService}), clients speaking ZooKeeper's wire records to it with sessions,
 * ephemerals, watches and sync ({@link io.chorus.testkit.zk.ZkClients}), and one seed run end to end
 * with every checker ({@link io.chorus.testkit.zk.SeedRun}); {@link io.chorus.testkit.zk.ZabEnsembles}
 * binds Zab to it.
 */
package io.chorus.testkit.zk;
