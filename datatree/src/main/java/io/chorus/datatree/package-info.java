/**
 * ZooKeeper's replicated state machine. {@link io.chorus.datatree.DataTree} applies ordered
 * transactions ({@link io.chorus.datatree.txn}) with ZooKeeper 3.9's checks, result codes and stats,
 * answers reads, proposes housekeeping deletions, and takes snapshots while applying goes on. Watches
 * ({@link io.chorus.datatree.watch}) are per server and fed by each {@link io.chorus.datatree.ApplyResult}'s
 * triggers.
 *
 * <p>Sub-packages: {@code node} (the tree's storage), {@code acl}, {@code path}, {@code snapshot},
 * {@code codec} (bytes). Depends on the api module and the JDK only; nothing here does I/O except
 * through the streams it is given, and nothing reads a clock.
 */
package io.chorus.datatree;
