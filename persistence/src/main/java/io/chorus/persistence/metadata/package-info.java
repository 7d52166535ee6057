/**
 * Small durable values a protocol must not forget (epochs, promised ballots), behind
 * {@link io.chorus.api.spi.DurableMetadata}: in a MapDB file, or in memory for tests and the simulator.
 *
 * <p>Depends on {@code io.chorus.api.spi}, MapDB and SLF4J only.
 */
package io.chorus.persistence.metadata;
