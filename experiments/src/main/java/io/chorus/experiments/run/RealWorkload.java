package io.chorus.experiments.run;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.ReadConsistency;
import io.chorus.client.wire.ConsistentReadRequest;
import io.chorus.client.wire.JuteMapping;
import io.chorus.client.wire.OpCode;
import io.chorus.testkit.zk.TimedOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SyncRequest;
import org.apache.zookeeper.proto.SyncResponse;

/**
 * The read-mode workload against real servers: one thread per client, each homed on one server (client i on
 * server (i-1) mod N + 1) with its own {@link WireSession}, running a closed loop of reads and unconditional
 * setData over a few keys until the deadline. Reads go out as the simulator's clients send them: LOCAL as a
 * getData, SYNC as ZooKeeper's recipe (sync, then the getData on the same session), LEADER and LINEARIZABLE as
 * Chorus's CHORUS_READ. A lost connection records the operation as unanswered and the client reconnects, to its
 * home server first, then to the others. Times are {@code System.nanoTime()} in microseconds.
 */
final class RealWorkload {
    static final int KEYS = 8;
    /** How long one answer may take before the connection counts as lost. */
    static final int ANSWER_TIMEOUT_MILLIS = 3_000;
    /** Between two failed connection attempts. */
    static final long RECONNECT_PAUSE_MILLIS = 20;

    /** Where client i connects: host and port per server id (index 0 = server 1). */
    record Target(List<String> hosts, List<Integer> ports) {
        int size() {
            return ports.size();
        }
    }

    private RealWorkload() {
    }

    static String key(int i) {
        return "/rw" + i;
    }

    /** Creates the keys through server 1 (existing ones are fine). */
    static void createKeys(Target target) throws IOException {
        try (WireSession session = WireSession.open(target.hosts().get(0), target.ports().get(0), ANSWER_TIMEOUT_MILLIS)) {
            for (int i = 0; i < KEYS; i++) {
                WireSession.Reply reply = session.call(OpCode.CREATE, new CreateRequest(key(i), new byte[0],
                        JuteMapping.toJute(Acl.OPEN_ACL_UNSAFE), CreateMode.PERSISTENT.flag()), new CreateResponse());
                if (reply.err() != 0 && reply.err() != Code.NODEEXISTS.intValue()) {
                    throw new IOException("cannot create " + key(i) + ": " + Code.of(reply.err()));
                }
            }
        }
    }

    /**
     * Whether the servers answer a read in {@code mode} (asked through server 1): null if they do, else why not.
     */
    static String refusal(Target target, ReadConsistency mode) throws IOException {
        try (WireSession session = WireSession.open(target.hosts().get(0), target.ports().get(0), ANSWER_TIMEOUT_MILLIS)) {
            WireSession.Reply reply = read(session, mode, key(0), new GetDataResponse());
            return reply.err() == 0 ? null : "the servers answer " + mode + " reads with " + Code.of(reply.err());
        } catch (IOException e) {
            return "the servers closed the connection on a " + mode + " read (" + e.getMessage() + ")";
        }
    }

    /**
     * Runs {@code clients} clients (client i reading in modes[(i-1) mod size]) from now for {@code millis}, then
     * waits for their last operations; returns every operation, in no particular order.
     */
    static List<TimedOp> run(Target target, int clients, double readRatio, List<ReadConsistency> modes, long millis,
            long seed) throws InterruptedException {
        List<TimedOp> ops = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        ExecutorService threads = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "experiment-client");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch started = new CountDownLatch(clients);
        List<Future<?>> loops = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(seed);
        try {
            for (int i = 1; i <= clients; i++) {
                ClientLoop loop = new ClientLoop(i, (i - 1) % target.size() + 1, modes.get((i - 1) % modes.size()),
                        readRatio, target, seeds.split(), ops);
                loops.add(threads.submit(() -> {
                    started.countDown();
                    loop.runUntil(deadline);
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                try {
                    loop.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a client failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(ANSWER_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
        }
        return new ArrayList<>(ops);
    }

    static WireSession.Reply read(WireSession session, ReadConsistency mode, String key, GetDataResponse response)
            throws IOException {
        GetDataRequest request = new GetDataRequest(key, false);
        switch (mode) {
            case LOCAL -> {
                return session.call(OpCode.GET_DATA, request, response);
            }
            case SYNC -> {
                WireSession.Reply synced = session.call(OpCode.SYNC, new SyncRequest(key), new SyncResponse());
                return synced.err() != 0 ? synced : session.call(OpCode.GET_DATA, request, response);
            }
            default -> {
                return session.call(OpCode.CHORUS_READ, new ConsistentReadRequest(mode, OpCode.GET_DATA, request),
                        response);
            }
        }
    }

    private static long micros() {
        return System.nanoTime() / 1_000;
    }

    /** One client's closed loop. */
    private static final class ClientLoop {
        private final int index;
        private final int home;
        private final ReadConsistency mode;
        private final double readRatio;
        private final Target target;
        private final SplittableRandom random;
        private final List<TimedOp> ops;
        private WireSession session;
        private int server;
        private int value;

        ClientLoop(int index, int home, ReadConsistency mode, double readRatio, Target target, SplittableRandom random,
                List<TimedOp> ops) {
            this.index = index;
            this.home = home;
            this.mode = mode;
            this.readRatio = readRatio;
            this.target = target;
            this.random = random;
            this.ops = ops;
        }

        void runUntil(long deadlineNanos) throws InterruptedException {
            try {
                while (System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
                    if (session == null && !connect()) {
                        Thread.sleep(RECONNECT_PAUSE_MILLIS); // nothing serves right now: retry shortly
                        continue;
                    }
                    operate();
                }
            } finally {
                if (session != null) {
                    session.close();
                }
            }
        }

        /** Home first, then the others in order. */
        private boolean connect() {
            for (int k = 0; k < target.size(); k++) {
                int id = (home - 1 + k) % target.size() + 1;
                try {
                    session = WireSession.open(target.hosts().get(id - 1), target.ports().get(id - 1),
                            ANSWER_TIMEOUT_MILLIS);
                    server = id;
                    return true;
                } catch (IOException notServing) {
                    // try the next server
                }
            }
            return false;
        }

        private void operate() {
            String key = key(random.nextInt(KEYS));
            boolean write = random.nextDouble() >= readRatio;
            long invoked = micros();
            try {
                if (write) {
                    byte[] data = ("c" + index + "-" + value++).getBytes(StandardCharsets.UTF_8);
                    SetDataResponse response = new SetDataResponse();
                    WireSession.Reply reply = session.call(OpCode.SET_DATA, new SetDataRequest(key, data, -1), response);
                    ops.add(new TimedOp(index, server, true, null, key, invoked, micros(), reply.err(), reply.zxid(),
                            reply.err() == 0 ? response.getStat().getMzxid() : 0));
                } else {
                    GetDataResponse response = new GetDataResponse();
                    WireSession.Reply reply = read(session, mode, key, response);
                    ops.add(new TimedOp(index, server, false, mode, key, invoked, micros(), reply.err(), reply.zxid(),
                            reply.err() == 0 ? response.getStat().getMzxid() : 0));
                }
            } catch (IOException lost) {
                ops.add(new TimedOp(index, server, write, write ? null : mode, key, invoked, TimedOp.UNANSWERED,
                        Code.CONNECTIONLOSS.intValue(), 0, 0));
                session.close();
                session = null;
            }
        }
    }
}
