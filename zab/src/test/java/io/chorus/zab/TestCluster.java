package io.chorus.zab;

import io.chorus.api.spi.LogHistory;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.DurableMetadata;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.Outbound;
import io.chorus.api.spi.RandomSource;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.api.spi.Zxid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * A tiny deterministic driver for several ZabProtocol instances: one FIFO message queue, a virtual clock,
 * in-memory logs that lose unsynced entries on crash, and a "state machine" that is the list of applied
 * entries. No threads; everything happens in {@link #pump()}.
 */
final class TestCluster {
    record Envelope(int from, int to, ZabMessage message) {
    }

    static final class Node {
        final int id;
        final Map<String, Long> metadata = new HashMap<>();
        /** The log: entries up to {@link #syncedUpTo} survive a crash. */
        final List<LogEntry> log = new ArrayList<>();
        long syncedUpTo;
        StateSnapshot snapshotBase = new StateSnapshot(0, encode(List.of()));
        List<LogEntry> applied = new ArrayList<>();
        /**
         * The newest zxid the protocol handed over (committed or in a snapshot). Recovery replays the whole log,
         * committed or not, as ZooKeeper does; only entries up to here are known to be committed.
         */
        long confirmedUpTo;
        final List<Leadership> leaderships = new ArrayList<>();
        final List<Long> barriers = new ArrayList<>();
        ZabProtocol protocol;
        boolean alive;
        boolean autoSync = true;

        Node(int id) {
            this.id = id;
        }

        long logLast() {
            return log.isEmpty() ? snapshotBase.zxid() : log.get(log.size() - 1).zxid();
        }

        List<String> appliedPayloads() {
            return applied.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
        }

        List<Long> appliedZxids() {
            return applied.stream().map(LogEntry::zxid).toList();
        }

        long appliedZxid() {
            return applied.isEmpty() ? snapshotBase.zxid() : applied.get(applied.size() - 1).zxid();
        }

        StateSnapshot capture() {
            return new StateSnapshot(appliedZxid(), encode(applied));
        }

        Role role() {
            return protocol.leadership().role();
        }

        List<LogEntry> confirmed() {
            return applied.stream().filter(e -> e.zxid() <= confirmedUpTo).toList();
        }

        /** What recovery does: the snapshot, then every logged entry after it (committed or not). */
        void recover() {
            applied = new ArrayList<>(decode(snapshotBase.bytes()));
            for (LogEntry e : log) {
                if (e.zxid() > snapshotBase.zxid()) {
                    applied.add(e);
                }
            }
        }
    }

    final ZabSettings settings;
    final Map<Integer, Node> nodes = new TreeMap<>();
    final Deque<Envelope> network = new ArrayDeque<>();
    final List<Envelope> sent = new ArrayList<>();
    final Set<Integer> isolated = new HashSet<>();
    Predicate<Envelope> dropIf = e -> false;
    final Set<PlantedFault> faults = EnumSet.noneOf(PlantedFault.class);
    /** Every entry any server ever handed to its state machine as committed, by zxid. */
    final Map<Long, String> deliveredEver = new TreeMap<>();
    long now = 1_000;
    private final long seed;

    TestCluster(int size, ZabSettings settings) {
        this(size, settings, 42);
    }

    TestCluster(int size, ZabSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        IntStream.rangeClosed(1, size).forEach(id -> nodes.put(id, new Node(id)));
    }

    static ZabSettings settings() {
        return new ZabSettings(100, 10, 5, 200, 1_000, 10_000);
    }

    TestCluster withFaults(PlantedFault... planted) {
        faults.addAll(List.of(planted));
        return this;
    }

    Node node(int id) {
        return nodes.get(id);
    }

    // ---- setting up histories before start ----

    /** Gives a stopped node a durable log and epochs, as if it had run before. */
    void seed(int id, long acceptedEpoch, long currentEpoch, LogEntry... entries) {
        Node n = node(id);
        n.metadata.put(Replica.ACCEPTED_EPOCH, acceptedEpoch);
        n.metadata.put(Replica.CURRENT_EPOCH, currentEpoch);
        n.log.addAll(List.of(entries));
        n.syncedUpTo = n.logLast();
    }

    static LogEntry entry(long epoch, long counter, String payload) {
        return new LogEntry(io.chorus.api.spi.Zxid.of(epoch, counter), payload.getBytes(StandardCharsets.UTF_8));
    }

    // ---- lifecycle ----

    void startAll() {
        nodes.keySet().forEach(this::start);
        pump();
    }

    void start(int id) {
        Node n = node(id);
        trace("START " + id);
        n.recover();
        List<Integer> ensemble = new ArrayList<>(nodes.keySet());
        n.protocol = new ZabProtocol(id, ensemble, metadataOf(n), historyOf(n), n::capture,
                RandomSource.seeded(seed * 31 + id), settings).withPlantedFaults(faults);
        n.alive = true;
        n.protocol.start(n.logLast(), now);
    }

    /** Loses everything not synced, and every message in flight to or from it. */
    void crash(int id) {
        Node n = node(id);
        trace("CRASH " + id + " synced " + Zxid.toString(n.syncedUpTo));
        n.alive = false;
        n.log.removeIf(e -> e.zxid() > n.syncedUpTo);
        n.confirmedUpTo = 0;
        network.removeIf(e -> e.to() == id || e.from() == id);
    }

    void restart(int id) {
        start(id);
        pump();
    }

    void isolate(int id) {
        isolated.add(id);
    }

    void heal() {
        isolated.clear();
    }

    // ---- time and messages ----

    /** Advances the clock tick by tick for {@code millis}, pumping after each. */
    void runFor(long millis) {
        long end = now + millis;
        while (now < end) {
            now += settings.tickMillis();
            for (Node n : nodes.values()) {
                if (n.alive) {
                    n.protocol.tick(now);
                }
            }
            pump();
        }
    }

    /** Runs until some node leads and a quorum follows it, or fails after {@code maxMillis}. */
    int awaitLeader(long maxMillis) {
        long end = now + maxMillis;
        while (now < end) {
            Integer leader = establishedLeader();
            if (leader != null) {
                return leader;
            }
            runFor(settings.tickMillis());
        }
        throw new AssertionError("no leader within " + maxMillis + "ms: " + describe());
    }

    Integer establishedLeader() {
        for (Node n : nodes.values()) {
            if (n.alive && n.role() == Role.LEADER) {
                long followers = nodes.values().stream().filter(f -> f.alive && f.role() == Role.FOLLOWER
                        && f.protocol.leadership().leaderId() == n.id).count();
                if (followers + 1 >= nodes.size() / 2 + 1) {
                    return n.id;
                }
            }
        }
        return null;
    }

    /** When set, some messages overtake others and some arrive twice (Zab's channels are FIFO; a simulator's may not be). */
    java.util.SplittableRandom chaos;
    int reorderPercent;
    int duplicatePercent;

    private Envelope takeAnyOfFirst(int window) {
        int index = chaos.nextInt(Math.min(window, network.size()));
        Iterator<Envelope> it = network.iterator();
        Envelope picked = it.next();
        for (int i = 0; i < index; i++) {
            picked = it.next();
        }
        it.remove();
        return picked;
    }

    /** Delivers messages and carries out Ready until nothing is left to do. */
    void pump() {
        for (int steps = 0; steps < 1_000_000; steps++) {
            boolean worked = false;
            for (Node n : nodes.values()) {
                if (n.alive && n.protocol.hasReady()) {
                    handleReady(n);
                    worked = true;
                }
            }
            if (!network.isEmpty()) {
                Envelope e = chaos != null && chaos.nextInt(100) < reorderPercent ? takeAnyOfFirst(8)
                        : network.pollFirst();
                Node to = node(e.to());
                if (to.alive) {
                    trace(e.from() + "->" + e.to() + " " + e.message());
                    to.protocol.receive(e.from(), e.message(), now);
                }
                worked = true;
            }
            if (!worked) {
                return;
            }
        }
        throw new AssertionError("the cluster did not quiesce: " + describe());
    }

    static final boolean TRACE = Boolean.getBoolean("zab.trace");

    void trace(String line) {
        if (TRACE) {
            System.out.println("t=" + now + " " + line);
        }
    }

    private void handleReady(Node n) {
        Ready ready = n.protocol.ready();
        if (TRACE) {
            trace(n.id + " ready trunc=" + ready.truncateAfterZxid() + " persist=" + ready.toPersist().stream()
                    .map(e -> Zxid.toString(e.zxid())).toList() + " commit=" + ready.committed().stream()
                    .map(e -> Zxid.toString(e.zxid())).toList() + " lead=" + ready.leadership() + " snap="
                    + (ready.snapshotToInstall() == null ? "" : Zxid.toString(ready.snapshotToInstall().zxid())));
        }
        if (ready.truncateAfterZxid() != -1) {
            long cut = ready.truncateAfterZxid();
            n.log.removeIf(e -> e.zxid() > cut);
            n.syncedUpTo = Math.min(n.syncedUpTo, cut);
            if (n.appliedZxid() > cut) {
                n.recover(); // the driver's rule: rebuild the state when the cut goes below it
            }
        }
        if (ready.snapshotToInstall() != null) {
            StateSnapshot s = ready.snapshotToInstall();
            n.snapshotBase = s;
            n.log.clear(); // the log continues after the snapshot
            n.syncedUpTo = s.zxid();
            n.applied = new ArrayList<>(decode(s.bytes()));
        }
        for (LogEntry e : ready.toPersist()) {
            assertThat(e.zxid()).as("append order on %s", n.id).isGreaterThan(n.logLast());
            n.log.add(e);
        }
        for (Outbound o : ready.messages()) {
            Envelope e = new Envelope(n.id, o.to(), (ZabMessage) o.message());
            sent.add(e);
            if (!isolated.contains(e.from()) && !isolated.contains(e.to()) && !dropIf.test(e)) {
                network.addLast(e);
                if (chaos != null && chaos.nextInt(100) < duplicatePercent) {
                    network.addLast(e);
                }
            }
        }
        for (LogEntry e : ready.committed()) {
            assertThat(e.zxid()).as("apply order on %s", n.id).isGreaterThan(n.appliedZxid());
            n.applied.add(e);
            n.confirmedUpTo = e.zxid();
            String payload = new String(e.payload(), StandardCharsets.UTF_8);
            String before = deliveredEver.putIfAbsent(e.zxid(), payload);
            assertThat(before == null || before.equals(payload)).as("%s delivered %s=%s, elsewhere %s", n.id,
                    Zxid.toString(e.zxid()), payload, before).isTrue();
        }
        n.barriers.addAll(ready.readBarriersSatisfied());
        if (ready.leadership() != null) {
            n.leaderships.add(ready.leadership());
        }
        n.protocol.advance(ready);
        boolean wrote = !ready.toPersist().isEmpty() || ready.snapshotToInstall() != null;
        if (wrote && n.autoSync) {
            sync(n.id);
        }
    }

    /** The node's log reports everything appended as durable. */
    void sync(int id) {
        Node n = node(id);
        trace("SYNC " + id + " to " + Zxid.toString(n.logLast()));
        n.syncedUpTo = n.logLast();
        n.protocol.persisted(n.syncedUpTo);
    }

    // ---- proposals ----

    List<String> proposeAll(int at, String... payloads) {
        List<String> out = new ArrayList<>();
        for (String p : payloads) {
            out.add(node(at).protocol.propose(p.getBytes(StandardCharsets.UTF_8), now).name());
            pump();
        }
        return out;
    }

    // ---- checks ----

    /**
     * Committed prefixes never diverge: any two nodes' applied entries that the protocol confirmed as committed
     * agree where both have them.
     */
    void assertPrefixesAgree() {
        List<Node> all = new ArrayList<>(nodes.values());
        for (Node a : all) {
            for (Node b : all) {
                List<LogEntry> ca = a.confirmed();
                List<LogEntry> cb = b.confirmed();
                int common = Math.min(ca.size(), cb.size());
                for (int i = 0; i < common; i++) {
                    LogEntry x = ca.get(i);
                    LogEntry y = cb.get(i);
                    assertThat(Zxid.toString(y.zxid()) + "=" + new String(y.payload(), StandardCharsets.UTF_8))
                            .as("committed entry %s of %s vs %s:%s", i, b.id, a.id, describe())
                            .isEqualTo(Zxid.toString(x.zxid()) + "=" + new String(x.payload(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** Every entry any server delivered is in every server's state: committed means it survives. */
    void assertEveryDeliveryKept() {
        for (Node n : nodes.values()) {
            Map<Long, String> state = new HashMap<>();
            n.applied.forEach(e -> state.put(e.zxid(), new String(e.payload(), StandardCharsets.UTF_8)));
            deliveredEver.forEach((zxid, payload) -> assertThat(state.get(zxid))
                    .as("server %s lacks delivered %s=%s", n.id, Zxid.toString(zxid), payload).isEqualTo(payload));
        }
    }

    /** Never two leaders in the same epoch. */
    void assertOneLeaderPerEpoch() {
        Map<Long, Integer> leaderOf = new HashMap<>();
        for (Node n : nodes.values()) {
            for (Leadership l : n.leaderships) {
                if (l.role() == Role.LEADER) {
                    Integer before = leaderOf.putIfAbsent(l.epoch(), n.id);
                    assertThat(before == null || before == n.id).as("two leaders in epoch %s: %s and %s",
                            l.epoch(), before, n.id).isTrue();
                }
            }
        }
    }

    List<String> sentTypes(int from, int to) {
        return sent.stream().filter(e -> e.from() == from && e.to() == to)
                .map(e -> e.message().getClass().getSimpleName()).toList();
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        nodes.values().forEach(n -> sb.append("\n  ").append(n.alive ? n.protocol : "[" + n.id + " down]")
                .append(n.alive ? " (" + n.protocol.lastStepDownReason() + ")" : ""));
        return sb.toString();
    }

    // ---- plumbing ----

    private static DurableMetadata metadataOf(Node n) {
        return new DurableMetadata() {
            @Override
            public long get(String key, long absent) {
                return n.metadata.getOrDefault(key, absent);
            }

            @Override
            public void put(String key, long value) {
                n.metadata.put(key, value);
            }

            @Override
            public void close() {
            }
        };
    }

    /** The durable part of the node's log, as the driver's TxnLog would show it. */
    private static LogHistory historyOf(Node n) {
        return new LogHistory() {
            @Override
            public Iterator<LogEntry> readAfter(long afterZxid) {
                return n.log.stream().filter(e -> e.zxid() > afterZxid && e.zxid() <= n.syncedUpTo).toList()
                        .iterator();
            }

            @Override
            public long coversAfter() {
                return n.snapshotBase.zxid();
            }
        };
    }

    static byte[] encode(List<LogEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (LogEntry e : entries) {
                out.writeLong(e.zxid());
                out.writeInt(e.payload().length);
                out.write(e.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<LogEntry> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            List<LogEntry> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long zxid = in.readLong();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                out.add(new LogEntry(zxid, payload));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
