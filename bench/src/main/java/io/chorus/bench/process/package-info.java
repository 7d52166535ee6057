/**
 * Starting, probing and stopping the servers a benchmark runs against: Apache ZooKeeper and Chorus as
 * child JVMs on loopback ports with their own scratch data directories, the probes that say when one
 * serves reads, how much heap it holds and what snapshots it wrote (from its files, or for Chorus its
 * {@code mntr} answer), and the cleanup that makes sure no child process or directory outlives the run.
 * Depends on the JDK and the stock ZooKeeper client only.
 */
package io.chorus.bench.process;
