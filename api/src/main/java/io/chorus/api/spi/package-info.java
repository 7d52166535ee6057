/**
 * The SPIs a node is assembled from: the consensus protocol (a sans-IO state machine with a
 * Step/Tick/Ready/Advance loop), the transaction log, snapshots, durable metadata, the clock and the
 * random source. Protocol modules depend on this package and the JDK only.
 */
package io.chorus.api.spi;
