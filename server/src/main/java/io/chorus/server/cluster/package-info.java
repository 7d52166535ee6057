/**
 * Local ensembles of real server processes on loopback: {@link io.chorus.server.cluster.LocalCluster} starts,
 * kills, restarts and stops {@code chorus server} JVMs for {@code ./chorus cluster}, real-process tests and
 * benchmarks. Depends on the server's config package only (it writes zoo.cfg files; it never runs a server
 * in-process).
 */
package io.chorus.server.cluster;
