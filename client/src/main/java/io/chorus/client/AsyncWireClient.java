package io.chorus.client;

import io.chorus.api.Acl;
import io.chorus.api.AclAndStat;
import io.chorus.api.AddWatchMode;
import io.chorus.api.AsyncChorusClient;
import io.chorus.api.ChorusException;
import io.chorus.api.Children;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.api.Id;
import io.chorus.api.KeeperState;
import io.chorus.api.NodeData;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.ReadConsistency;
import io.chorus.api.Stat;
import io.chorus.api.Watcher;
import io.chorus.api.WatcherType;
import io.chorus.client.call.Call;
import io.chorus.client.call.OperationCalls;
import io.chorus.client.call.ReplyFuture;
import io.chorus.client.event.EventDispatcher;
import io.chorus.client.session.Session;
import io.chorus.client.watch.WatchRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous client over ZooKeeper's wire protocol. It owns two threads: a one-thread Netty event loop
 * for the connection and the session, and the event thread where watchers run and futures complete. Both stop
 * in {@link #closeAsync()}, after the session is closed.
 */
// close() declares InterruptedException (it waits for the server and the threads); javac's "try" lint objects.
@SuppressWarnings("try")
public final class AsyncWireClient implements AsyncChorusClient {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncWireClient.class);
    /** Time beyond the close timeout allowed for the threads to stop. */
    private static final long CLOSE_SLACK_MILLIS = 2_000;

    private final ClientConfig config;
    private final EventLoopGroup ioThread;
    private final EventDispatcher events;
    private final OperationCalls calls;
    private final Session session;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Completes once the session is closed and the I/O thread has stopped. */
    private final CompletableFuture<Void> ioStopped = new CompletableFuture<>();
    /** Completes once, in addition, the event thread has run everything queued. */
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private AsyncWireClient(ClientConfig config, Watcher defaultWatcher) {
        this.config = config;
        this.ioThread = new NioEventLoopGroup(1, new DefaultThreadFactory("chorus-client-io", true));
        this.events = new EventDispatcher("chorus-client-events");
        WatchRegistry watches = new WatchRegistry(defaultWatcher);
        this.calls = new OperationCalls(watches, events, config.maxRequestBytes());
        this.session = new Session(config, ioThread.next(), watches, events, calls, new SplittableRandom());
    }

    /**
     * A client whose session is established; the future completes on the event thread, or fails with
     * ConnectFailedException (the client's threads already stopped) when no session is established within
     * connectTimeoutMillis.
     */
    public static CompletableFuture<AsyncWireClient> connect(ClientConfig config, Watcher defaultWatcher) {
        Objects.requireNonNull(config, "config");
        AsyncWireClient client = new AsyncWireClient(config, defaultWatcher);
        CompletableFuture<AsyncWireClient> ready = new CompletableFuture<>();
        client.session.start().whenComplete((established, failure) -> {
            if (failure == null) {
                client.events.execute(() -> ready.complete(client));
            } else {
                client.closeAsync().whenComplete((closed, ignored) -> ready.completeExceptionally(failure));
            }
        });
        return ready;
    }

    @Override
    public CompletableFuture<Created> create(String path, byte[] data, List<Acl> acl, CreateMode mode,
            long ttlMillis) {
        return submit(() -> calls.create(path, data, acl, mode, ttlMillis));
    }

    @Override
    public CompletableFuture<Void> delete(String path, int version) {
        return submit(() -> calls.delete(path, version));
    }

    @Override
    public CompletableFuture<Stat> exists(String path, Watcher watcher) {
        return submit(() -> calls.exists(path, watcher));
    }

    @Override
    public CompletableFuture<NodeData> getData(String path, Watcher watcher) {
        return submit(() -> calls.getData(path, watcher));
    }

    @Override
    public CompletableFuture<Stat> setData(String path, byte[] data, int version) {
        return submit(() -> calls.setData(path, data, version));
    }

    @Override
    public CompletableFuture<Children> getChildren(String path, Watcher watcher) {
        return submit(() -> calls.getChildren(path, watcher));
    }

    @Override
    public CompletableFuture<Stat> exists(String path, Watcher watcher, ReadConsistency consistency) {
        return submit(() -> calls.exists(path, watcher, Objects.requireNonNull(consistency, "consistency")));
    }

    @Override
    public CompletableFuture<NodeData> getData(String path, Watcher watcher, ReadConsistency consistency) {
        return submit(() -> calls.getData(path, watcher, Objects.requireNonNull(consistency, "consistency")));
    }

    @Override
    public CompletableFuture<Children> getChildren(String path, Watcher watcher, ReadConsistency consistency) {
        return submit(() -> calls.getChildren(path, watcher, Objects.requireNonNull(consistency, "consistency")));
    }

    /**
     * getData with the zxid of the state it was served from, for staleness measurements; {@code consistency}
     * null reads as ZooKeeper's own getData does (at the session's consistency).
     */
    public CompletableFuture<ServedRead> getDataServed(String path, ReadConsistency consistency) {
        return submit(() -> calls.getDataServed(path, consistency));
    }

    @Override
    public CompletableFuture<Integer> getAllChildrenNumber(String path) {
        return submit(() -> calls.getAllChildrenNumber(path));
    }

    @Override
    public CompletableFuture<List<String>> getEphemerals(String prefixPath) {
        return submit(() -> calls.getEphemerals(prefixPath));
    }

    @Override
    public CompletableFuture<Void> sync(String path) {
        return submit(() -> calls.sync(path));
    }

    @Override
    public CompletableFuture<List<OpResult>> multi(List<Op> ops) {
        Objects.requireNonNull(ops, "ops");
        if (ops.isEmpty()) {
            return ReplyFuture.completed(List.of());
        }
        return submit(() -> calls.multi(ops));
    }

    @Override
    public CompletableFuture<AclAndStat> getAcl(String path) {
        return submit(() -> calls.getAcl(path));
    }

    @Override
    public CompletableFuture<Stat> setAcl(String path, List<Acl> acl, int aclVersion) {
        return submit(() -> calls.setAcl(path, acl, aclVersion));
    }

    /**
     * Sent at once when connected, and kept: every reconnect presents it again. While disconnected the call
     * fails with CONNECTIONLOSS and is not kept. If the connection drops before the server answers, the future
     * fails with CONNECTIONLOSS but the credentials are kept (the server may have accepted them).
     */
    @Override
    public CompletableFuture<Void> addAuthInfo(String scheme, byte[] auth) {
        Call<Void> call = calls.auth(scheme, auth);
        session.submitAuth(scheme, auth, call);
        return call.future();
    }

    @Override
    public CompletableFuture<List<Id>> whoAmI() {
        return submit(calls::whoAmI);
    }

    @Override
    public CompletableFuture<Void> addWatch(String path, Watcher watcher, AddWatchMode mode) {
        return submit(() -> calls.addWatch(path, watcher, mode));
    }

    /**
     * With {@code local} false the server is asked first and the watchers go once it agrees. With
     * {@code local} true only this client forgets them (nothing is sent, so it works while disconnected); the
     * server keeps its watch, and its notifications then reach no watcher. (ZooKeeper's client still asks the
     * server when connected; here {@code local} means client-side only.) Either way NOWATCHER when there is no
     * such watcher.
     */
    @Override
    public CompletableFuture<Void> removeWatches(String path, Watcher watcher, WatcherType type, boolean local) {
        if (!local) {
            return submit(() -> calls.removeWatches(path, watcher, type));
        }
        KeeperState state = session.isConnected() ? KeeperState.SYNC_CONNECTED : KeeperState.DISCONNECTED;
        try {
            calls.removeLocally(path, watcher, type, state);
            return ReplyFuture.completed(null);
        } catch (ChorusException e) {
            return ReplyFuture.failed(e);
        }
    }

    @Override
    public long sessionId() {
        return session.sessionId();
    }

    @Override
    public int sessionTimeoutMillis() {
        return session.negotiatedTimeoutMillis();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        if (closing.compareAndSet(false, true)) {
            session.close().whenComplete((closed, failure) ->
                    ioThread.shutdownGracefully(0, config.closeTimeoutMillis(), TimeUnit.MILLISECONDS)
                            .addListener(terminated -> {
                                ioStopped.complete(null);
                                events.shutdown().whenComplete((drained, ignored) -> stopped.complete(null));
                            }));
        }
        return stopped;
    }

    /**
     * Closes and waits, within a bound, for the threads to stop. Called from a watcher or a completion (on the
     * event thread), it cannot wait for that thread to finish, so it waits for the session and I/O only.
     */
    @Override
    public void close() throws InterruptedException {
        CompletableFuture<Void> closed = closeAsync();
        CompletableFuture<Void> awaited = events.isEventThread() ? ioStopped : closed;
        long boundMillis = 2L * config.closeTimeoutMillis() + CLOSE_SLACK_MILLIS;
        try {
            awaited.get(boundMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.warn("closing session 0x{} failed", Long.toHexString(sessionId()), e.getCause());
        } catch (TimeoutException e) {
            LOG.warn("session 0x{}: client threads still stopping after {} ms", Long.toHexString(sessionId()),
                    boundMillis);
        }
    }

    /** True on the event thread, where a blocking call must wait for the reply, not for its completion. */
    boolean isEventThread() {
        return events.isEventThread();
    }

    ClientConfig config() {
        return config;
    }

    private <T> CompletableFuture<T> submit(CallSource<T> source) {
        Call<T> call;
        try {
            call = source.build();
        } catch (ChorusException e) {
            return ReplyFuture.failed(e);
        }
        session.submit(call);
        return call.future();
    }

    /** Builds a call; a ChorusException is a refusal before sending. */
    @FunctionalInterface
    private interface CallSource<T> {
        Call<T> build() throws ChorusException;
    }
}
