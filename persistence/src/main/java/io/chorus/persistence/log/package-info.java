/**
 * Transaction logs behind {@link io.chorus.api.spi.TxnLog}: the segmented file log used on the write path
 * ({@link io.chorus.persistence.log.FileTxnLog}), a MapDB log kept to measure against it
 * ({@link io.chorus.persistence.log.MapDbTxnLog}), an in-memory log for tests and the simulator, and
 * {@link io.chorus.persistence.log.GroupCommitter}, which turns many appends into one fsync.
 *
 * <p>Depends on {@code io.chorus.api.spi}, MapDB and SLF4J only.
 */
package io.chorus.persistence.log;
