package io.chorus.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.Acl;
import io.chorus.api.AsyncChorusClient;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.api.NodeData;
import io.chorus.client.testkit.EventLog;
import io.chorus.client.testkit.LiveServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client sees a change's notification before it can see the change: watchers and completions share one order. */
class OrderingGuaranteeTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    private static final int NODES = 50;
    private static final long WAIT_SECONDS = 15;

    @Test
    void notificationsAndRepliesArriveInWireOrder() throws Exception {
        BlockingChorusClient setup = server.connect();
        String root = server.root(setup);
        AsyncChorusClient client = server.connectAsync(null);
        List<String> seen = new CopyOnWriteArrayList<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            String path = root + "/n" + i;
            setup.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            String name = "n" + i;
            pending.add(client.getData(path, event -> seen.add("event " + name)));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);

        // Hold the event thread while the writes go out, so every "reply" stage is attached before it can run.
        CountDownLatch release = holdEventThread(client, setup, root + "/gate");
        for (int i = 0; i < NODES; i++) {
            String name = "n" + i;
            pending.add(client.setData(root + "/" + name, new byte[1], -1).thenRun(() -> seen.add("reply " + name)));
        }
        release.countDown();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            expected.add("event n" + i);
            expected.add("reply n" + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aReaderSeesTheNotificationBeforeTheNewData() throws Exception {
        BlockingChorusClient writer = server.connect();
        BlockingChorusClient reader = server.connect();
        String path = server.root(writer) + "/x";
        writer.create(path, "old".getBytes(UTF_8), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog watcher = new EventLog();
        reader.getData(path, watcher);

        writer.setData(path, "new".getBytes(UTF_8), -1);
        NodeData read = reader.getData(path, null);

        assertThat(read.data()).asString(UTF_8).isEqualTo("new");
        assertThat(watcher.nodeEvents()).extracting(e -> e.type()).containsExactly(EventType.NODE_DATA_CHANGED);
    }

    @Test
    void futuresCompleteOnTheEventThreadBehindEarlierEvents() throws Exception {
        BlockingChorusClient other = server.connect();
        String root = server.root(other);
        AsyncChorusClient client = server.connectAsync(null);
        CountDownLatch release = holdEventThread(client, other, root + "/gate");

        // The event thread is busy in a watcher, so this reply's completion waits behind it.
        CompletableFuture<String> thread = client.exists(root, null)
                .thenApply(stat -> Thread.currentThread().getName());
        assertThat(thread).isNotDone();
        release.countDown();

        assertThat(thread.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("chorus-client-events");
    }

    /** Parks {@code client}'s event thread in a watcher until the returned latch is released. */
    private static CountDownLatch holdEventThread(AsyncChorusClient client, BlockingChorusClient other, String path)
            throws Exception {
        CountDownLatch inWatcher = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        client.exists(path, event -> {
            inWatcher.countDown();
            awaitUninterruptibly(release);
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        other.create(path, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThat(inWatcher.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWatcherMayMakeBlockingCalls() throws Exception {
        BlockingChorusClient client = server.connect();
        String root = server.root(client);
        client.create(root + "/data", "inside".getBytes(UTF_8), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        AtomicReference<String> readInWatcher = new AtomicReference<>();

        client.exists(root + "/trigger", event -> {
            try {
                readInWatcher.set(new String(client.getData(root + "/data", null).data(), UTF_8));
            } catch (Exception e) {
                readInWatcher.set(e.toString());
            }
        });
        client.create(root + "/trigger", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        await().atMost(EventLog.WAIT_MAX).until(() -> readInWatcher.get() != null);
        assertThat(readInWatcher.get()).isEqualTo("inside");
    }
}
