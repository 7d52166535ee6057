package io.chorus.client;

import io.chorus.api.AsyncChorusClient;
import io.chorus.api.ChorusClient;
import io.chorus.api.ChorusException;
import io.chorus.api.Watcher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where clients come from. Each returns once a session is established (or fails with
 * {@link ConnectFailedException} after connectTimeoutMillis), so the client is usable at once.
 * {@code defaultWatcher} (may be null) hears every session state change: SYNC_CONNECTED, DISCONNECTED,
 * EXPIRED, AUTH_FAILED and CLOSED — as, following ZooKeeper's client, does every registered watcher.
 *
 * <p>What a client does when the connection goes: calls in flight fail with CONNECTIONLOSS, and until it has
 * reconnected (to the next server, keeping the session) new calls fail at once with CONNECTIONLOSS rather than
 * wait in a queue. After EXPIRED every call fails with SESSIONEXPIRED, after AUTH_FAILED with AUTHFAILED, and
 * after close with SESSIONEXPIRED; such a client still holds its threads until it is closed.
 */
public final class ChorusClients {
    /** Time beyond the configured bounds a blocking connect waits before declaring the client stuck. */
    private static final long CONNECT_SLACK_MILLIS = 5_000;

    private ChorusClients() {
    }

    /** A blocking client for a ZooKeeper connect string ({@code host:port,host:port}), with defaults. */
    public static ChorusClient connect(String connectString, int sessionTimeoutMillis, Watcher defaultWatcher)
            throws ChorusException, InterruptedException {
        return connect(ClientConfig.of(connectString, sessionTimeoutMillis), defaultWatcher);
    }

    public static BlockingChorusClient connect(ClientConfig config, Watcher defaultWatcher)
            throws ChorusException, InterruptedException {
        CompletableFuture<AsyncWireClient> connecting = AsyncWireClient.connect(config, defaultWatcher);
        long boundMillis = (long) config.connectTimeoutMillis() + config.closeTimeoutMillis() + CONNECT_SLACK_MILLIS;
        try {
            return new BlockingChorusClient(connecting.get(boundMillis, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            // The caller gave up: a client that connects later must not live on unowned.
            connecting.thenAccept(AsyncWireClient::closeAsync);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChorusException failure) {
                throw failure;
            }
            throw new IllegalStateException("connecting failed", e.getCause());
        } catch (TimeoutException e) {
            connecting.thenAccept(AsyncWireClient::closeAsync);
            throw new ConnectFailedException("client did not finish connecting within " + boundMillis + " ms");
        }
    }

    /** An asynchronous client; the future completes on the client's event thread. */
    public static CompletableFuture<AsyncChorusClient> connectAsync(String connectString, int sessionTimeoutMillis,
            Watcher defaultWatcher) {
        return connectAsync(ClientConfig.of(connectString, sessionTimeoutMillis), defaultWatcher);
    }

    public static CompletableFuture<AsyncChorusClient> connectAsync(ClientConfig config, Watcher defaultWatcher) {
        return AsyncWireClient.connect(config, defaultWatcher).thenApply(client -> client);
    }
}
