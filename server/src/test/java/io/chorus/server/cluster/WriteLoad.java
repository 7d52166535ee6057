package io.chorus.server.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Writer threads, each with its own stock ZooKeeper client on the full connect string, creating distinct znodes
 * {@code <parent>/w<thread>-<n>} (data: the node's name) for as long as the load runs. A create is acknowledged when
 * the call returned; after a ConnectionLoss (or an expired session) the same path is tried again, and NodeExists
 * then means the earlier attempt landed, so it counts as acknowledged too. Whatever was still unresolved when the
 * load stops is left out: unknown, not acknowledged. Any other error is recorded as unexpected.
 */
final class WriteLoad implements AutoCloseable {
    private final String connectString;
    private final String parent;
    private final int sessionTimeoutMillis;
    /** Nanoseconds between two creates of one writer, 0 for as fast as the ensemble answers. */
    private final long pacingNanos;
    private final Set<String> acknowledged = new ConcurrentSkipListSet<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicLongArray ackedPerWriter;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private WriteLoad(String connectString, String parent, int writers, int sessionTimeoutMillis,
            int createsPerSecondPerWriter) {
        this.connectString = connectString;
        this.parent = parent;
        this.sessionTimeoutMillis = sessionTimeoutMillis;
        this.pacingNanos = createsPerSecondPerWriter <= 0 ? 0 : 1_000_000_000L / createsPerSecondPerWriter;
        this.ackedPerWriter = new AtomicLongArray(writers);
    }

    /** Starts {@code writers} threads writing under {@code parent}, which must exist, as fast as they can. */
    static WriteLoad start(String connectString, String parent, int writers, int sessionTimeoutMillis) {
        return start(connectString, parent, writers, sessionTimeoutMillis, 0);
    }

    /**
     * As {@link #start(String, String, int, int)}, each writer issuing at most {@code createsPerSecondPerWriter}
     * creates a second (0: no limit), so that what piles up while a server is down stays bounded.
     */
    static WriteLoad start(String connectString, String parent, int writers, int sessionTimeoutMillis,
            int createsPerSecondPerWriter) {
        WriteLoad load = new WriteLoad(connectString, parent, writers, sessionTimeoutMillis,
                createsPerSecondPerWriter);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> load.write(writer), "writer-" + w);
            t.setDaemon(true);
            load.threads.add(t);
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    private void write(int writer) {
        ZooKeeper zk = null;
        long n = 0;
        long nextNanos = System.nanoTime();
        try {
            while (running) {
                if (pacingNanos > 0) {
                    // Pacing of the load itself (an open-loop rate), not a wait for some condition.
                    long ahead = nextNanos - System.nanoTime();
                    if (ahead > 0) {
                        LockSupport.parkNanos(ahead);
                        continue;
                    }
                    nextNanos = Math.max(nextNanos + pacingNanos, System.nanoTime() - pacingNanos);
                }
                if (zk == null) {
                    zk = new ZooKeeper(connectString, sessionTimeoutMillis, event -> { });
                }
                String path = parent + "/w" + writer + "-" + n;
                try {
                    zk.create(path, path.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT);
                    acked(writer, path);
                    n++;
                } catch (KeeperException.NodeExistsException e) {
                    // Only this writer creates this path: an earlier attempt, answered by ConnectionLoss, landed.
                    count(e);
                    acked(writer, path);
                    n++;
                } catch (KeeperException.ConnectionLossException e) {
                    count(e); // unknown: try the same path again
                } catch (KeeperException.SessionExpiredException e) {
                    count(e); // unknown too; a new session tries the same path again
                    zk.close();
                    zk = null;
                } catch (KeeperException e) {
                    count(e);
                    unexpected.add(path + ": " + e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            unexpected.add("writer " + writer + " died: " + e);
        } finally {
            if (zk != null) {
                try {
                    zk.close(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void acked(int writer, String path) {
        acknowledged.add(path);
        ackedPerWriter.incrementAndGet(writer);
    }

    private void count(KeeperException e) {
        errors.merge(e.code().name(), 1, Integer::sum);
    }

    /** Acknowledged creates per writer so far, for waiting until every writer makes progress. */
    long[] ackedPerWriter() {
        long[] out = new long[ackedPerWriter.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ackedPerWriter.get(i);
        }
        return out;
    }

    /** True when every writer has acknowledged more creates than in {@code before}. */
    boolean everyWriterProgressedSince(long[] before) {
        for (int i = 0; i < before.length; i++) {
            if (ackedPerWriter.get(i) <= before[i]) {
                return false;
            }
        }
        return true;
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Error codes seen (ConnectionLoss and the like are expected around a failure), with counts. */
    Map<String, Integer> errors() {
        return Map.copyOf(errors);
    }

    /** Errors that are not part of a failover: anything but ConnectionLoss, SessionExpired and NodeExists. */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Stops the writers and closes their sessions; bounded. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                unexpected.add(t.getName() + " did not stop within 30 s");
                t.interrupt();
            }
        }
    }
}
