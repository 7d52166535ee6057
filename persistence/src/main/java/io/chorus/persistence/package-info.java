/**
 * A Chorus node's durable state on disk: {@link io.chorus.persistence.DataDirectory} lays out and locks
 * the data and log directories and opens the stores behind the persistence SPI
 * ({@link io.chorus.api.spi.TxnLog}, {@link io.chorus.api.spi.SnapshotStore},
 * {@link io.chorus.api.spi.DurableMetadata}).
 *
 * <p>Durable means fsynced: a write counts only once {@code FileChannel.force} or a MapDB commit has
 * returned. This package may depend on {@code io.chorus.api} and its own sub-packages; nothing here knows
 * about consensus, Netty or the server.
 */
package io.chorus.persistence;
