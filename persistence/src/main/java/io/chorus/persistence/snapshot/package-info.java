/**
 * Snapshot stores behind {@link io.chorus.api.spi.SnapshotStore}: MapDB-backed with per-chunk and
 * whole-stream CRC32C checks, and an in-memory one for tests and the simulator.
 *
 * <p>Depends on {@code io.chorus.api.spi}, MapDB and SLF4J only.
 */
package io.chorus.persistence.snapshot;
