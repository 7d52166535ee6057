package io.chorus.client;

import io.chorus.api.Acl;
import io.chorus.api.AclAndStat;
import io.chorus.api.AddWatchMode;
import io.chorus.api.AsyncChorusClient;
import io.chorus.api.ChorusClient;
import io.chorus.api.ChorusException;
import io.chorus.api.Children;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.api.Id;
import io.chorus.api.NodeData;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.ReadConsistency;
import io.chorus.api.Stat;
import io.chorus.api.Watcher;
import io.chorus.api.WatcherType;
import io.chorus.client.call.ReplyFuture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The blocking client: each call is the asynchronous one, waited for. Outside the event thread it waits for
 * the future's completion, so every notification that arrived before the reply has been delivered when the
 * call returns. Inside a watcher or completion (on the event thread) it waits for the reply itself, since the
 * event thread cannot run a completion while it waits; notifications queued behind that watcher then run
 * after the call returns, as with ZooKeeper's client.
 */
// ChorusClient.close() declares InterruptedException (closing waits for the server); javac's "try" lint objects.
@SuppressWarnings("try")
public final class BlockingChorusClient implements ChorusClient {
    private final AsyncWireClient async;

    BlockingChorusClient(AsyncWireClient async) {
        this.async = async;
    }

    /** The same session, asynchronously. */
    public AsyncChorusClient async() {
        return async;
    }

    @Override
    public Created create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMillis)
            throws ChorusException, InterruptedException {
        return await(async.create(path, data, acl, mode, ttlMillis));
    }

    @Override
    public void delete(String path, int version) throws ChorusException, InterruptedException {
        await(async.delete(path, version));
    }

    @Override
    public Stat exists(String path, Watcher watcher) throws ChorusException, InterruptedException {
        return await(async.exists(path, watcher));
    }

    @Override
    public NodeData getData(String path, Watcher watcher) throws ChorusException, InterruptedException {
        return await(async.getData(path, watcher));
    }

    @Override
    public Stat setData(String path, byte[] data, int version) throws ChorusException, InterruptedException {
        return await(async.setData(path, data, version));
    }

    @Override
    public Children getChildren(String path, Watcher watcher) throws ChorusException, InterruptedException {
        return await(async.getChildren(path, watcher));
    }

    @Override
    public Stat exists(String path, Watcher watcher, ReadConsistency consistency)
            throws ChorusException, InterruptedException {
        return await(async.exists(path, watcher, consistency));
    }

    @Override
    public NodeData getData(String path, Watcher watcher, ReadConsistency consistency)
            throws ChorusException, InterruptedException {
        return await(async.getData(path, watcher, consistency));
    }

    @Override
    public Children getChildren(String path, Watcher watcher, ReadConsistency consistency)
            throws ChorusException, InterruptedException {
        return await(async.getChildren(path, watcher, consistency));
    }

    @Override
    public int getAllChildrenNumber(String path) throws ChorusException, InterruptedException {
        return await(async.getAllChildrenNumber(path));
    }

    @Override
    public List<String> getEphemerals(String prefixPath) throws ChorusException, InterruptedException {
        return await(async.getEphemerals(prefixPath));
    }

    @Override
    public void sync(String path) throws ChorusException, InterruptedException {
        await(async.sync(path));
    }

    /** A failed transaction throws {@link MultiFailedException}, which holds the per-op results. */
    @Override
    public List<OpResult> multi(List<Op> ops) throws ChorusException, InterruptedException {
        return await(async.multi(ops));
    }

    @Override
    public AclAndStat getAcl(String path) throws ChorusException, InterruptedException {
        return await(async.getAcl(path));
    }

    @Override
    public Stat setAcl(String path, List<Acl> acl, int aclVersion) throws ChorusException, InterruptedException {
        return await(async.setAcl(path, acl, aclVersion));
    }

    @Override
    public void addAuthInfo(String scheme, byte[] auth) throws ChorusException, InterruptedException {
        await(async.addAuthInfo(scheme, auth));
    }

    /** The identities the server has authenticated this session as. */
    public List<Id> whoAmI() throws ChorusException, InterruptedException {
        return await(async.whoAmI());
    }

    @Override
    public void addWatch(String path, Watcher watcher, AddWatchMode mode) throws ChorusException, InterruptedException {
        await(async.addWatch(path, watcher, mode));
    }

    /** See {@link AsyncWireClient#removeWatches} for what {@code local} means. */
    @Override
    public void removeWatches(String path, Watcher watcher, WatcherType type, boolean local)
            throws ChorusException, InterruptedException {
        await(async.removeWatches(path, watcher, type, local));
    }

    @Override
    public long sessionId() {
        return async.sessionId();
    }

    @Override
    public int sessionTimeoutMillis() {
        return async.sessionTimeoutMillis();
    }

    @Override
    public void close() throws InterruptedException {
        async.close();
    }

    private <T> T await(CompletableFuture<T> reply) throws ChorusException, InterruptedException {
        CompletableFuture<T> awaited = reply instanceof ReplyFuture<T> r && async.isEventThread() ? r.settled() : reply;
        try {
            return awaited.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChorusException failure) {
                throw failure;
            }
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            if (cause instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException("unexpected failure", cause);
        }
    }
}
