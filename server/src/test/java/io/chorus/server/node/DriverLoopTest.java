package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The driver's loop runs every task it is handed, each producer's in the order handed, on its one thread; carries
 * out the batch after the tasks; ticks while idle; wakes at once for a task however long it has slept; stops the
 * node when a task throws; and stops on close.
 */
class DriverLoopTest {
    private static final Duration WAIT_MAX = Duration.ofSeconds(30);

    @Test
    void tasksFromManyThreadsAllRunInEachProducersOrderBeforeTheBatchIsCarriedOut() throws Exception {
        int producers = 4;
        int tasksEach = 20_000;
        List<List<Integer>> ran = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            ran.add(new ArrayList<>());
        }
        AtomicInteger afterBatches = new AtomicInteger();
        AtomicInteger ranSinceBatch = new AtomicInteger();
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        ConcurrentLinkedQueue<String> wrongThread = new ConcurrentLinkedQueue<>();
        try (DriverLoop loop = new DriverLoop("test-driver", Clock.SYSTEM, 1_000, now -> { }, () -> {
            afterBatches.incrementAndGet();
            ranSinceBatch.set(0);
        }, t -> { })) {
            loop.start();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < tasksEach; i++) {
                        int task = i;
                        loop.execute(() -> {
                            loopThread.compareAndSet(null, Thread.currentThread());
                            if (loopThread.get() != Thread.currentThread()) {
                                wrongThread.add(Thread.currentThread().getName());
                            }
                            ran.get(producer).add(task);
                            ranSinceBatch.incrementAndGet();
                        });
                        if (i % 1_000 == 0) {
                            Thread.yield();
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            CountDownLatch last = new CountDownLatch(1);
            loop.execute(last::countDown);
            assertThat(last.await(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(WAIT_MAX).until(() -> ranSinceBatch.get() == 0);

            assertThat(wrongThread).isEmpty();
            for (List<Integer> tasks : ran) {
                assertThat(tasks).hasSize(tasksEach);
                for (int i = 0; i < tasksEach; i++) {
                    assertThat(tasks.get(i)).isEqualTo(i);
                }
            }
            assertThat(afterBatches.get()).isPositive();
        }
    }

    @Test
    void anIdleLoopTicksAndWakesAtOnceForATask() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        try (DriverLoop loop = new DriverLoop("test-driver", Clock.SYSTEM, 20, now -> ticks.incrementAndGet(),
                () -> { }, t -> { })) {
            loop.start();
            await().atMost(WAIT_MAX).until(() -> ticks.get() >= 3);
        }
        try (DriverLoop loop = new DriverLoop("test-driver", Clock.SYSTEM, 60_000, now -> { }, () -> { },
                t -> { })) {
            loop.start();
            for (int round = 0; round < 50; round++) {
                Thread.sleep(round % 10 == 0 ? 20 : 0); // let it park, mostly
                CountDownLatch ran = new CountDownLatch(1);
                loop.execute(ran::countDown);
                assertThat(ran.await(5, TimeUnit.SECONDS)).as("a task wakes a loop parked until a tick a minute away")
                        .isTrue();
            }
        }
    }

    @Test
    void aTaskThatThrowsStopsTheLoopAndIsReported() throws Exception {
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        AtomicInteger ranAfter = new AtomicInteger();
        try (DriverLoop loop = new DriverLoop("test-driver", Clock.SYSTEM, 1_000, now -> { }, () -> { },
                fatal::set)) {
            loop.start();
            loop.execute(() -> {
                throw new IllegalStateException("boom");
            });
            await().atMost(WAIT_MAX).until(() -> fatal.get() != null);
            loop.execute(ranAfter::incrementAndGet);
            Thread.sleep(50);
        }
        assertThat(fatal.get()).hasMessage("boom");
        assertThat(ranAfter).hasValue(0);
    }

    @Test
    void closeStopsTheLoopThread() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        DriverLoop loop = new DriverLoop("test-driver", Clock.SYSTEM, 60_000, now -> { }, () -> { }, t -> { });
        loop.start();
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(() -> {
            thread.set(Thread.currentThread());
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        loop.close();
        assertThat(thread.get().isAlive()).isFalse();
    }
}
