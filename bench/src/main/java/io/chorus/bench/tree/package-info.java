/**
 * The {@code tree} workload: bulk-loads N znodes under a fixed number of parents into a server the bench
 * started, then measures what holding them costs (heap per znode after a full GC, the newest snapshot on
 * disk) and how long the server takes to come back after SIGKILL with all of them. Uses the process
 * package to start and probe servers and the load package's pipelined creates.
 */
package io.chorus.bench.tree;
