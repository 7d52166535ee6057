package io.chorus.bench.process;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

/** Opens stock ZooKeeper client sessions and waits, bounded, until they are connected. */
public final class SessionOpener {
    /** Within both servers' default bounds (2 to 20 ticks of 2 s), long enough to ride out a GC pause. */
    public static final int SESSION_TIMEOUT_MILLIS = 30_000;
    /** How long {@link #close} waits for the client's threads to finish. */
    static final int CLOSE_WAIT_MILLIS = 2_000;

    private SessionOpener() {
    }

    /** {@link #open(String, Duration, ClientTransport)} over the client's default socket, NIO. */
    public static ZooKeeper open(String connectString, Duration timeout) {
        return open(connectString, timeout, ClientTransport.NIO);
    }

    /** A connected session, or a {@link BenchException} saying why there is none within {@code timeout}. */
    public static ZooKeeper open(String connectString, Duration timeout, ClientTransport transport) {
        CompletableFuture<KeeperState> firstState = new CompletableFuture<>();
        Watcher watcher = event -> {
            if (event.getType() == Watcher.Event.EventType.None) {
                firstState.complete(event.getState());
            }
        };
        ZooKeeper zk;
        try {
            zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MILLIS, watcher, transport.clientConfig());
        } catch (IOException e) {
            throw new BenchException("cannot create a client for " + connectString + ": " + e.getMessage(), e);
        }
        boolean connected = false;
        try {
            KeeperState state = firstState.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (state != KeeperState.SyncConnected) {
                throw new BenchException("session to " + connectString + " ended up " + state);
            }
            connected = true;
            return zk;
        } catch (TimeoutException e) {
            throw new BenchException("no session to " + connectString + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new BenchException("session to " + connectString + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while connecting to " + connectString, e);
        } finally {
            if (!connected) {
                close(zk);
            }
        }
    }

    /** Closes the session and waits, bounded, for the client's threads. */
    public static void close(ZooKeeper zk) {
        try {
            zk.close(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
