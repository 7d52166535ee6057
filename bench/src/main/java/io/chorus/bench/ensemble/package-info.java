/**
 * Ensembles for {@code bench --nodes N}: N server JVMs of one kind (Apache ZooKeeper's QuorumPeerMain or
 * Chorus nodes) on loopback, each with its own data directory and myid, that can be killed and restarted one
 * by one; and the leader-failover measurement run against them.
 */
package io.chorus.bench.ensemble;
