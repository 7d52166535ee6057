package io.chorus.api;

import java.util.List;

/**
 * The blocking client API: ZooKeeper's operations with its semantics and result codes. Every
 * method throws {@link ChorusException} with the ZooKeeper code the server (or the connection)
 * gave. Watchers passed here fire once; {@link #addWatch} ones fire until removed.
 */
@SuppressWarnings("try") // close() may be interrupted while it waits for the server to end the session
public interface ChorusClient extends AutoCloseable {
    Created create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMillis)
            throws ChorusException, InterruptedException;

    default String create(String path, byte[] data, List<Acl> acl, CreateMode mode)
            throws ChorusException, InterruptedException {
        return create(path, data, acl, mode, -1).path();
    }

    void delete(String path, int version) throws ChorusException, InterruptedException;

    /** The node's stat, or null when it does not exist; a watcher fires on create, delete or change. */
    Stat exists(String path, Watcher watcher) throws ChorusException, InterruptedException;

    NodeData getData(String path, Watcher watcher) throws ChorusException, InterruptedException;

    Stat setData(String path, byte[] data, int version) throws ChorusException, InterruptedException;

    Children getChildren(String path, Watcher watcher) throws ChorusException, InterruptedException;

    int getAllChildrenNumber(String path) throws ChorusException, InterruptedException;

    /**
     * exists, asking the server for {@code consistency} for this request alone (Chorus's extension: a ZooKeeper
     * server answers it UNIMPLEMENTED). A session's default is set with the client's configuration.
     */
    Stat exists(String path, Watcher watcher, ReadConsistency consistency) throws ChorusException, InterruptedException;

    /** getData with this request's read consistency (Chorus's extension). */
    NodeData getData(String path, Watcher watcher, ReadConsistency consistency)
            throws ChorusException, InterruptedException;

    /** getChildren with this request's read consistency (Chorus's extension). */
    Children getChildren(String path, Watcher watcher, ReadConsistency consistency)
            throws ChorusException, InterruptedException;

    /** This session's ephemeral nodes whose path starts with {@code prefixPath}. */
    List<String> getEphemerals(String prefixPath) throws ChorusException, InterruptedException;

    /** Waits until the connected server has applied everything committed when the sync arrived. */
    void sync(String path) throws ChorusException, InterruptedException;

    /** All-or-nothing transaction, or a multi-read when every op is a read. */
    List<OpResult> multi(List<Op> ops) throws ChorusException, InterruptedException;

    AclAndStat getAcl(String path) throws ChorusException, InterruptedException;

    Stat setAcl(String path, List<Acl> acl, int aclVersion) throws ChorusException, InterruptedException;

    void addAuthInfo(String scheme, byte[] auth) throws ChorusException, InterruptedException;

    void addWatch(String path, Watcher watcher, AddWatchMode mode) throws ChorusException, InterruptedException;

    void removeWatches(String path, Watcher watcher, WatcherType type, boolean local)
            throws ChorusException, InterruptedException;

    long sessionId();

    int sessionTimeoutMillis();

    @Override
    void close() throws InterruptedException;
}
