package io.chorus.testkit.sim;

import io.chorus.api.spi.PeerMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The network between simulated nodes. Each message gets a delay from the {@link DelayDistribution}, may be
 * lost or duplicated (each copy with its own delay), and is dropped when the link from sender to receiver
 * is cut, either when it is sent or when it would arrive: a cut link also loses what was in flight, as a
 * reset TCP connection does. Links are one-way, so a partition cuts both directions and an asymmetric fault
 * cuts one.
 *
 * <p>By default every message has its own delay, so messages on one link overtake each other. With
 * {@link #setFifoLinks(boolean) FIFO links} a message never arrives before one sent earlier on the same link
 * (TCP's order, which Zab assumes); loss still applies. A network that {@link #setDuplicatesAllowed(boolean)
 * allows no duplicates} never delivers a message twice whatever duplication rate a fault sets, as TCP never
 * does: a protocol that relies on that (Zab) would otherwise see faults no real network makes.
 *
 * <p>Messages are handed over as the very {@link PeerMessage} objects the protocol produced, never
 * serialised or copied: protocols must treat their messages as immutable once sent (a duplicated message is
 * the same object delivered twice).
 *
 * <p>A message sent to a node is delivered only to the incarnation it was sent to: one that arrives after
 * the receiver crashed and restarted is dropped (its connection died with the old process). Messages from a
 * sender that crashed after sending are still delivered; the kernel had them.
 */
public final class SimNetwork {
    /** Where the network delivers: a node, or a stub in tests. */
    public interface Endpoint {
        /** Changes whenever the endpoint crashes; messages sent to an older incarnation are dropped. */
        long incarnation();

        /** Whether the endpoint is up to receive at all (a crashed node is not). */
        boolean up();

        void deliver(int from, PeerMessage message);

        /** The connection to {@code peer} came up or went down (see {@link SimNetwork#announce}). */
        default void connectionChanged(int peer, boolean connected) {
        }
    }

    private final EventQueue queue;
    private final SimRandom random;
    private final TraceHash trace;
    private final ToLongFunction<PeerMessage> fingerprint;
    private final TreeMap<Integer, Endpoint> endpoints = new TreeMap<>();
    private final Set<Long> cutLinks = new HashSet<>();
    private final java.util.Map<Long, Long> lastArrivalOnLink = new java.util.HashMap<>();
    private boolean fifoLinks;
    private ToIntFunction<PeerMessage> channelOf = message -> 0;
    private int connectionChannel;
    private boolean duplicatesAllowed = true;
    private DelayDistribution delay = DelayDistribution.uniform(1, 5);
    private double lossRate;
    private double duplicateRate;
    /** Extra delay on every message to or from a node (a slow follower); none unless set. */
    private final Map<Integer, Long> slowNodes = new TreeMap<>();
    private long sent;
    private long delivered;
    private long dropped;
    private long duplicated;

    /**
     * @param fingerprint what of a message goes into the trace hash; it must be deterministic (not an
     *     identity hash code, and not a record's hashCode when the record holds arrays)
     */
    public SimNetwork(EventQueue queue, SimRandom random, TraceHash trace, ToLongFunction<PeerMessage> fingerprint) {
        this.queue = queue;
        this.random = random;
        this.trace = trace;
        this.fingerprint = fingerprint;
    }

    /** The default fingerprint: the message's class name, which is deterministic whatever the message holds. */
    public static long classNameFingerprint(PeerMessage message) {
        return TraceHash.hashString(message.getClass().getName());
    }

    public void attach(int id, Endpoint endpoint) {
        if (endpoints.putIfAbsent(id, endpoint) != null) {
            throw new IllegalArgumentException("node " + id + " is already attached");
        }
    }

    public List<Integer> nodeIds() {
        return List.copyOf(endpoints.keySet());
    }

    // ---- conditions ----

    public void setDelay(DelayDistribution delay) {
        this.delay = delay;
    }

    /**
     * Every message to or from {@code node} takes {@code extraMillis} more than the delay distribution says (0
     * restores it): a follower behind a slow link, exact and deterministic, for experiments on staleness.
     */
    public void setExtraDelay(int node, long extraMillis) {
        if (extraMillis < 0) {
            throw new IllegalArgumentException("negative extra delay " + extraMillis);
        }
        if (extraMillis == 0) {
            slowNodes.remove(node);
        } else {
            slowNodes.put(node, extraMillis);
        }
    }

    public void setLossRate(double lossRate) {
        this.lossRate = checkRate(lossRate);
        traceRates();
    }

    public void setDuplicateRate(double duplicateRate) {
        this.duplicateRate = checkRate(duplicateRate);
        traceRates();
    }

    /** When true, messages on one link arrive in the order they were sent (see the class comment). */
    /** See {@link Simulation.Builder#channels}: FIFO per pair of nodes and channel. */
    public void setChannels(ToIntFunction<PeerMessage> channelOf, int connectionChannel) {
        this.channelOf = channelOf;
        this.connectionChannel = connectionChannel;
    }

    public void setFifoLinks(boolean fifoLinks) {
        this.fifoLinks = fifoLinks;
    }

    public void setDuplicatesAllowed(boolean allowed) {
        this.duplicatesAllowed = allowed;
    }

    public boolean fifoLinks() {
        return fifoLinks;
    }

    public double lossRate() {
        return lossRate;
    }

    public double duplicateRate() {
        return duplicateRate;
    }

    private void traceRates() {
        trace.record(TraceHash.Kind.NETWORK_RATES, queue.now(), Double.doubleToLongBits(lossRate),
                Double.doubleToLongBits(duplicateRate), 0);
    }

    private static double checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1]: " + rate);
        }
        return rate;
    }

    // ---- partitions ----

    /** Cuts the one-way link {@code from} → {@code to}: an asymmetric fault. */
    public void cut(int from, int to) {
        if (cutLinks.add(linkKey(from, to))) {
            trace.record(TraceHash.Kind.CUT, queue.now(), from, to, 0);
        }
    }

    /** Restores the one-way link {@code from} → {@code to}. */
    public void restore(int from, int to) {
        if (cutLinks.remove(linkKey(from, to))) {
            trace.record(TraceHash.Kind.HEAL, queue.now(), from, to, 0);
        }
    }

    /** Cuts both directions between {@code a} and {@code b}. */
    public void cutBoth(int a, int b) {
        cut(a, b);
        cut(b, a);
    }

    /**
     * Splits the nodes into {@code groups}: every link between two groups is cut both ways, links inside a
     * group are restored. A node in no group is isolated from everyone.
     */
    public void partition(Collection<? extends Collection<Integer>> groups) {
        heal();
        List<Integer> ids = nodeIds();
        for (int a : ids) {
            for (int b : ids) {
                if (a != b && !sameGroup(groups, a, b)) {
                    cut(a, b);
                }
            }
        }
    }

    private static boolean sameGroup(Collection<? extends Collection<Integer>> groups, int a, int b) {
        for (Collection<Integer> group : groups) {
            if (group.contains(a) && group.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /** Cuts every link to and from {@code node}. */
    public void isolate(int node) {
        for (int other : nodeIds()) {
            if (other != node) {
                cutBoth(node, other);
            }
        }
    }

    /** Restores every link. */
    public void heal() {
        if (!cutLinks.isEmpty()) {
            cutLinks.clear();
            trace.record(TraceHash.Kind.HEAL, queue.now(), -1, -1, 0);
        }
    }

    public boolean isCut(int from, int to) {
        return cutLinks.contains(linkKey(from, to));
    }

    /** Every link currently cut, as [from, to] pairs sorted, for reports. */
    public List<int[]> cutLinks() {
        List<int[]> links = new ArrayList<>();
        for (long key : cutLinks) {
            links.add(new int[] {(int) (key >> 32), (int) key});
        }
        links.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
        return links;
    }

    /** One connection's order: node ids and channels are small, so each fits its own bits. */
    private static long channelKey(int from, int to, int channel) {
        return ((long) channel << 48) ^ linkKey(from, to);
    }

    private static long linkKey(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    // ---- sending ----

    public void send(int from, int to, PeerMessage message) {
        Endpoint target = endpoints.get(to);
        if (target == null) {
            throw new IllegalArgumentException("node " + from + " sent to unknown node " + to + ": " + message);
        }
        sent++;
        long print = fingerprint.applyAsLong(message);
        if (isCut(from, to) || random.chance(lossRate)) {
            drop(from, to, print);
            return;
        }
        long incarnation = target.incarnation();
        schedule(from, to, message, print, target, incarnation);
        if (duplicatesAllowed && random.chance(duplicateRate)) {
            duplicated++;
            trace.record(TraceHash.Kind.DUPLICATE, queue.now(), from, to, print);
            schedule(from, to, message, print, target, incarnation);
        }
    }

    private void schedule(int from, int to, PeerMessage message, long print, Endpoint target, long incarnation) {
        long arrival = queue.now() + delay.sample(random) + slowNodes.getOrDefault(from, 0L)
                + slowNodes.getOrDefault(to, 0L);
        if (fifoLinks) {
            // Not before the previous message on this link; at the same millisecond the queue keeps send order.
            long channelLink = channelKey(from, to, channelOf.applyAsInt(message));
            arrival = Math.max(arrival, lastArrivalOnLink.getOrDefault(channelLink, 0L));
            lastArrivalOnLink.put(channelLink, arrival);
        }
        queue.at(arrival, () -> {
            if (isCut(from, to) || !target.up() || target.incarnation() != incarnation) {
                drop(from, to, print);
                return;
            }
            delivered++;
            trace.record(TraceHash.Kind.DELIVER, queue.now(), from, to, print);
            target.deliver(from, message);
        });
    }

    /**
     * On a connection-oriented network ({@link #fifoLinks()}, TCP's promise): {@code node} crashed ({@code up}
     * false), and its peers' connections to it close, or it started, and it and its peers connect. Each end hears
     * of it after a link delay, in order with the messages on that link, unless the link is cut (a partition
     * breaks nothing a peer can see; only silence tells).
     */
    public void announce(int node, boolean up) {
        if (!fifoLinks) {
            return;
        }
        for (Map.Entry<Integer, Endpoint> e : endpoints.entrySet()) {
            int other = e.getKey();
            if (other == node) {
                continue;
            }
            connectionEvent(node, other, up);
            if (up) {
                connectionEvent(other, node, true);
            }
        }
    }

    /** {@code to} hears that its connection to {@code about} changed. */
    private void connectionEvent(int about, int to, boolean up) {
        Endpoint target = endpoints.get(to);
        if (!target.up() || isCut(about, to)) {
            return;
        }
        long incarnation = target.incarnation();
        long channelLink = channelKey(about, to, connectionChannel);
        long arrival = Math.max(queue.now() + delay.sample(random), lastArrivalOnLink.getOrDefault(channelLink, 0L));
        lastArrivalOnLink.put(channelLink, arrival);
        queue.at(arrival, () -> {
            if (target.up() && target.incarnation() == incarnation && !isCut(about, to)) {
                trace.record(TraceHash.Kind.CONNECTION, queue.now(), about, to, up ? 1 : 0);
                target.connectionChanged(about, up);
            }
        });
    }

    private void drop(int from, int to, long print) {
        dropped++;
        trace.record(TraceHash.Kind.DROP, queue.now(), from, to, print);
    }

    public long sent() {
        return sent;
    }

    public long delivered() {
        return delivered;
    }

    public long dropped() {
        return dropped;
    }

    public long duplicated() {
        return duplicated;
    }
}
