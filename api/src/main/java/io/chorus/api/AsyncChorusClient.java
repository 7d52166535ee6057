package io.chorus.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous client API: the operations of {@link ChorusClient}, each returning a future instead of
 * blocking. A future completes with the result, or exceptionally with a {@link ChorusException} carrying the
 * ZooKeeper code the server (or the connection) gave.
 *
 * <p>Arguments that can never succeed (a malformed path, a request larger than the client may send, a multi
 * mixing reads and writes) throw {@link IllegalArgumentException} from the call itself; nothing is sent.
 *
 * <p>Ordering: futures complete, and watchers are called, on one event thread in the order the replies and
 * notifications arrived on the wire, so a watcher sees a change's notification before any later reply's
 * future completes. Code chained on a future without an executor therefore runs on the event thread, where
 * every later notification and completion waits for it to return.
 */
// close() declares InterruptedException, as ChorusClient's does (closing waits); javac's "try" lint objects.
@SuppressWarnings("try")
public interface AsyncChorusClient extends AutoCloseable {
    /** Creates a node; {@code ttlMillis} is the TTL of the {@code *_WITH_TTL} modes and -1 for every other mode. */
    CompletableFuture<Created> create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMillis);

    CompletableFuture<Void> delete(String path, int version);

    /** The node's stat, or null when it does not exist; a watcher fires on create, delete or change. */
    CompletableFuture<Stat> exists(String path, Watcher watcher);

    CompletableFuture<NodeData> getData(String path, Watcher watcher);

    CompletableFuture<Stat> setData(String path, byte[] data, int version);

    CompletableFuture<Children> getChildren(String path, Watcher watcher);

    /**
     * exists, asking the server for {@code consistency} for this request alone (Chorus's extension: a ZooKeeper
     * server answers it UNIMPLEMENTED).
     */
    CompletableFuture<Stat> exists(String path, Watcher watcher, ReadConsistency consistency);

    /** getData with this request's read consistency (Chorus's extension). */
    CompletableFuture<NodeData> getData(String path, Watcher watcher, ReadConsistency consistency);

    /** getChildren with this request's read consistency (Chorus's extension). */
    CompletableFuture<Children> getChildren(String path, Watcher watcher, ReadConsistency consistency);

    CompletableFuture<Integer> getAllChildrenNumber(String path);

    /** This session's ephemeral nodes whose path starts with {@code prefixPath}. */
    CompletableFuture<List<String>> getEphemerals(String prefixPath);

    /** Completes once the connected server has applied everything committed when the sync arrived. */
    CompletableFuture<Void> sync(String path);

    /**
     * All-or-nothing transaction, or a multi-read when every op is a read. A failed transaction completes
     * with a ChorusException whose code is the first failing op's; a multi-read reports failures per op.
     */
    CompletableFuture<List<OpResult>> multi(List<Op> ops);

    CompletableFuture<AclAndStat> getAcl(String path);

    CompletableFuture<Stat> setAcl(String path, List<Acl> acl, int aclVersion);

    /** Adds credentials to the session; they are presented again after every reconnect. */
    CompletableFuture<Void> addAuthInfo(String scheme, byte[] auth);

    /** The identities the server has authenticated this session as. */
    CompletableFuture<List<Id>> whoAmI();

    CompletableFuture<Void> addWatch(String path, Watcher watcher, AddWatchMode mode);

    /**
     * Removes {@code watcher} (or, when null, every watcher) of the given type from {@code path}; removed
     * watchers receive a {@code *_WATCH_REMOVED} event, and NOWATCHER means there was none. With {@code local}
     * the client forgets them without asking the server (so it works while disconnected); otherwise the server
     * is asked first.
     */
    CompletableFuture<Void> removeWatches(String path, Watcher watcher, WatcherType type, boolean local);

    /** The session id, or 0 before a session was established. */
    long sessionId();

    /** The session timeout the server granted, or 0 before a session was established. */
    int sessionTimeoutMillis();

    /** Closes the session (so the server deletes its ephemeral nodes) and releases the client's threads. */
    CompletableFuture<Void> closeAsync();

    @Override
    void close() throws InterruptedException;
}
