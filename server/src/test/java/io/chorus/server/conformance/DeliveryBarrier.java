package io.chorus.server.conformance;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;

/**
 * Lets a scenario assert that an event did NOT arrive without sleeping. The server sends a client every
 * notification a change caused before the reply to any request the client sent after the change (the watch
 * ordering guarantee), and the stock client delivers notifications and asynchronous replies on one thread in
 * arrival order; so once the reply to a fresh asynchronous request has been delivered, so has every
 * notification owed for earlier changes. In an ensemble the client's server may not have applied another
 * client's change yet, so a {@code sync} goes first: its reply comes once this server has applied everything the
 * leader had committed when the sync reached it (ZooKeeper's semantics), changes made before this call included.
 */
final class DeliveryBarrier {

    private DeliveryBarrier() {
    }

    /**
     * Returns once every notification owed to {@code zk} for changes made before this call has been delivered (the
     * exists reply follows the sync's, in the session's order).
     */
    static void pass(ZooKeeper zk) throws InterruptedException {
        CountDownLatch replied = new CountDownLatch(1);
        zk.sync("/", (rc, path, ctx) -> { }, null);
        zk.exists("/", false, (rc, path, ctx, stat) -> replied.countDown(), null);
        if (!replied.await(WatchEventLog.EVENT_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no reply to exists(\"/\") within " + WatchEventLog.EVENT_WAIT_MAX);
        }
    }
}
