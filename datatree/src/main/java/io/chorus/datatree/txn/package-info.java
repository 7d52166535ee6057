/**
 * Transactions as the log orders them: the requester ({@link io.chorus.datatree.txn.TxnHeader}), what
 * to do ({@link io.chorus.datatree.txn.TxnBody}), and their binary form
 * ({@link io.chorus.datatree.txn.TxnCodec}) for log entries and replication. Depends on the api module
 * and the codec package.
 */
package io.chorus.datatree.txn;
