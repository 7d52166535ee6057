package io.chorus.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.AppMessage;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.api.spi.Role;
import io.chorus.server.standalone.StandaloneProtocol;
import io.chorus.testkit.sim.DiskFaults;
import io.chorus.testkit.sim.FaultPreset;
import io.chorus.testkit.sim.LogDigestStateMachine;
import io.chorus.testkit.sim.NodeListener;
import io.chorus.testkit.sim.ProtocolFactory;
import io.chorus.testkit.sim.SimEvent;
import io.chorus.testkit.sim.SimNode;
import io.chorus.testkit.sim.Simulation;
import io.chorus.testkit.sim.TraceHash;
import io.chorus.testkit.zk.PaxosEnsembles;
import io.chorus.testkit.zk.ZabEnsembles;
import io.chorus.paxos.PaxosSettings;
import io.chorus.zab.ZabSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What any consensus module behind the SPI must do, whatever its algorithm (DESIGN.md, "SPI contract"):
 * every node delivers the same total order with each proposal at most once, a lost leader is replaced
 * without losing what was committed, and committed entries survive the crash of every node. Each
 * protocol is a row of {@link #protocols()} or {@link #ensembles()}; a new module adds its row and
 * gets the whole suite.
 */
class ConsensusContractTest {
    /** A protocol as the contract runs it: how many nodes, how each is built, and the links it assumes. */
    record ProtocolUnderTest(String name, int nodes, ProtocolFactory factory, UnaryOperator<Simulation.Builder> links) {
        Simulation.Builder simulation(long seed) {
            return links.apply(Simulation.builder().seed(seed).nodes(nodes).protocol(factory)
                    .stateMachine(LogDigestStateMachine::new).faults(FaultPreset.NONE));
        }

        @Override
        public String toString() {
            return name + " x" + nodes;
        }
    }

    static Stream<ProtocolUnderTest> protocols() {
        return Stream.concat(Stream.of(new ProtocolUnderTest("standalone", 1, ctx -> new StandaloneProtocol(
                ctx.serverId()), UnaryOperator.identity())), ensembles());
    }

    static Stream<ProtocolUnderTest> ensembles() {
        ZabSettings zab = ZabSettings.defaults();
        PaxosSettings paxos = PaxosSettings.defaults();
        return Stream.of(3, 5).flatMap(n -> Stream.of(
                new ProtocolUnderTest("zab", n, ZabEnsembles.protocol(zab, Set.of()), ZabEnsembles.network(zab)),
                new ProtocolUnderTest("paxos-lite", n, PaxosEnsembles.protocol(paxos, Set.of()),
                        PaxosEnsembles.network(paxos))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void everyNodeDeliversTheSameTotalOrderWithEachProposalOnce(ProtocolUnderTest protocol) {
        Simulation sim = protocol.simulation(1).build();
        Set<String> proposed = proposeUntilCommitted(sim, "order", 100);

        Map<Integer, List<Long>> orders = committedPayloadsByNode(sim);
        List<Long> first = orders.values().iterator().next();
        assertThat(orders.values()).allSatisfy(order -> assertThat(order).isEqualTo(first));
        assertThat(new HashSet<>(first)).as("no payload delivered twice").hasSize(first.size());
        assertThat(first).hasSizeGreaterThanOrEqualTo(proposed.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void aMessageSentToTheLeaderFromAnyServerReachesTheLeadersDriver(ProtocolUnderTest protocol) {
        List<String> heard = new ArrayList<>();
        Simulation sim = protocol.simulation(5).listener(new NodeListener() {
            @Override
            public void onAppMessage(int node, AppMessage message) {
                heard.add(node + "<-" + message.from() + ":" + new String(message.bytes(), StandardCharsets.UTF_8));
            }
        }).build();
        proposeUntilCommitted(sim, "elect", 1);
        // an ensemble of one leads itself without the LEADER role
        int leader = sim.nodeIds().size() == 1 ? sim.nodeIds().get(0) : sim.leaders().iterator().next();
        for (int id : sim.nodeIds()) {
            assertThat(sim.node(id).sendToLeader(payload("alive-" + id))).as("node %d has a leader", id).isTrue();
        }
        sim.runFor(1_000);

        List<String> expected = new ArrayList<>();
        for (int id : sim.nodeIds()) {
            expected.add(leader + "<-" + id + ":alive-" + id);
        }
        assertThat(heard).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ensembles")
    void aLostLeaderIsReplacedAndWhatWasCommittedStays(ProtocolUnderTest protocol) {
        Simulation sim = protocol.simulation(2).build();
        proposeUntilCommitted(sim, "before", 20);
        List<Long> before = committedPayloadsByNode(sim).get(sim.nodeIds().get(0));
        int leader = sim.leaders().iterator().next();

        sim.crash(leader);
        proposeUntilCommitted(sim, "after", 20);
        assertThat(sim.leaders()).doesNotContain(leader).hasSize(1);
        sim.restart(leader);
        sim.runFor(3_000);

        Map<Integer, List<Long>> orders = committedPayloadsByNode(sim);
        assertThat(orders.values()).allSatisfy(order -> assertThat(order).startsWith(before.toArray(Long[]::new)));
        assertSameLogEverywhere(sim);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void committedEntriesSurviveTheCrashOfEveryNode(ProtocolUnderTest protocol) {
        Simulation sim = protocol.simulation(3).diskFaults(DiskFaults.TORN).build();
        proposeUntilCommitted(sim, "durable", 50);
        Map<Integer, List<Long>> beforeCrash = committedPayloadsByNode(sim);
        List<Long> committed = beforeCrash.values().stream().max((a, b) -> Integer.compare(a.size(), b.size()))
                .orElseThrow();

        for (int id : sim.nodeIds()) {
            sim.crash(id);
        }
        for (int id : sim.nodeIds()) {
            sim.restart(id);
        }
        proposeUntilCommitted(sim, "later", 5);

        for (SimNode node : sim.nodes()) {
            assertThat(node.lastAppliedZxid()).as("node %d", node.id()).isGreaterThan(0);
        }
        assertSameLogEverywhere(sim);
        List<Long> afterRestart = deliveredSinceLastRestart(sim, sim.nodeIds().get(0));
        assertThat(afterRestart).as("every entry committed before the crash, in order")
                .startsWith(committed.toArray(Long[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ensembles")
    void aMinorityCommitsNothingUntilItRejoins(ProtocolUnderTest protocol) {
        Simulation sim = protocol.simulation(4).build();
        proposeUntilCommitted(sim, "warm", 5);
        // the leader goes to the minority side: the hard case, a leader that must notice it lost its quorum
        int leader = sim.leaders().iterator().next();
        List<Integer> minority = new ArrayList<>(List.of(leader));
        List<Integer> majority = new ArrayList<>();
        for (int id : sim.nodeIds()) {
            if (id != leader) {
                (minority.size() < (sim.nodeIds().size() - 1) / 2 ? minority : majority).add(id);
            }
        }
        sim.network().partition(List.of(minority, majority));
        sim.runFor(3_000);
        long minorityBefore = minority.stream().mapToLong(id -> sim.node(id).committedCount()).sum();
        for (int i = 0; i < 20; i++) {
            sim.propose(minority.get(i % minority.size()), payload("minority-" + i));
            sim.runFor(50);
        }
        sim.runFor(2_000);
        assertThat(minority.stream().mapToLong(id -> sim.node(id).committedCount()).sum())
                .as("commits on the minority side while cut off").isEqualTo(minorityBefore);

        sim.network().heal();
        proposeUntilCommitted(sim, "healed", 5);
        assertSameLogEverywhere(sim);
    }

    /** Every protocol of three, with linearizable reads confirmed each way. */
    static Stream<ProtocolUnderTest> leaderReadModes() {
        return Stream.of(LeaderReadMode.values()).flatMap(mode -> {
            ZabSettings zab = ZabSettings.defaults().withLeaderReads(mode, LEASE_DRIFT_MILLIS);
            PaxosSettings paxos = PaxosSettings.defaults().withLeaderReads(mode, LEASE_DRIFT_MILLIS);
            return Stream.of(
                    new ProtocolUnderTest("zab " + mode, 3, ZabEnsembles.protocol(zab, Set.of()),
                            ZabEnsembles.network(zab)),
                    new ProtocolUnderTest("paxos-lite " + mode, 3, PaxosEnsembles.protocol(paxos, Set.of()),
                            PaxosEnsembles.network(paxos)));
        });
    }

    private static final long LEASE_DRIFT_MILLIS = 50;

    /** What each node answered to linearizable-read barriers, with the simulated time of each answer. */
    private static final class LeaderReadAnswers implements NodeListener {
        final Map<Long, Long> satisfiedAt = new TreeMap<>();
        final Map<Long, Integer> satisfiedBy = new TreeMap<>();
        final Set<Long> refused = new LinkedHashSet<>();
        Simulation sim;

        @Override
        public void onReadBarrier(int node, long token) {
            satisfiedAt.put(token, sim.now());
            satisfiedBy.put(token, node);
        }

        @Override
        public void onReadBarrierRefused(int node, long token) {
            refused.add(token);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaderReadModes")
    void theLeaderAloneConfirmsLinearizableReads(ProtocolUnderTest protocol) {
        LeaderReadAnswers answers = new LeaderReadAnswers();
        Simulation sim = protocol.simulation(6).listener(answers).build();
        answers.sim = sim;
        proposeUntilCommitted(sim, "before", 5);
        int leader = sim.leaders().iterator().next();
        for (int id : sim.nodeIds()) {
            assertThat(sim.node(id).leaderReadBarrier(id)).isTrue();
        }
        sim.runFor(1_000);

        assertThat(answers.satisfiedBy).containsOnly(Map.entry((long) leader, leader));
        assertThat(answers.refused).containsExactlyInAnyOrderElementsOf(sim.nodeIds().stream()
                .filter(id -> id != leader).map(Long::valueOf).toList());
    }

    /**
     * The leader is cut off from both followers, which restart at once (forgetting any lease they granted) and
     * elect one of them. Reads the old leader confirms must all have been asked before any other server led: with
     * ReadIndex none asked after the cut is confirmed at all; with a lease, the lease must have run out first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("leaderReadModes")
    void aCutOffLeaderConfirmsNoReadOnceAnotherCouldLead(ProtocolUnderTest protocol) {
        LeaderReadAnswers answers = new LeaderReadAnswers();
        Simulation sim = protocol.simulation(7).listener(answers).build();
        answers.sim = sim;
        proposeUntilCommitted(sim, "before", 5);
        int leader = sim.leaders().iterator().next();
        List<Integer> followers = sim.nodeIds().stream().filter(id -> id != leader).toList();
        long cutAt = sim.now();
        sim.network().partition(List.of(List.of(leader), followers));
        for (int id : followers) {
            sim.crash(id);
            sim.restart(id);
        }
        assertConfirmedReadsPrecedeAnyOtherLeader(protocol, sim, answers, leader, cutAt);
    }

    /**
     * One follower is cut off long enough for its grants to run out; then the leader is cut off from both and
     * the follower whose answers kept its lease restarts at once. It must not help the other elect a leader
     * before the lease it granted (and forgot) could have run out.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("leaderReadModes")
    void aRestartedFollowerForgetsNoLeaseItGranted(ProtocolUnderTest protocol) {
        LeaderReadAnswers answers = new LeaderReadAnswers();
        Simulation sim = protocol.simulation(8).listener(answers).build();
        answers.sim = sim;
        proposeUntilCommitted(sim, "before", 5);
        int leader = sim.leaders().iterator().next();
        List<Integer> followers = sim.nodeIds().stream().filter(id -> id != leader).toList();
        int granting = followers.get(0);
        int away = followers.get(1);
        sim.network().partition(List.of(List.of(leader, granting), List.of(away)));
        sim.runFor(3_000);
        assertThat(sim.leaders()).as("the leader keeps its quorum with one follower").containsExactly(leader);

        long cutAt = sim.now();
        sim.network().partition(List.of(List.of(leader), followers));
        sim.crash(granting);
        sim.restart(granting);
        assertConfirmedReadsPrecedeAnyOtherLeader(protocol, sim, answers, leader, cutAt);
    }

    /** Asks the cut-off {@code leader} for reads every 20 ms for 3 s, then heals, and checks what it confirmed. */
    private static void assertConfirmedReadsPrecedeAnyOtherLeader(ProtocolUnderTest protocol, Simulation sim,
            LeaderReadAnswers answers, int leader, long cutAt) {
        Map<Long, Long> askedAt = new TreeMap<>();
        for (long token = 1; token <= 150; token++) {
            askedAt.put(token, sim.now());
            sim.node(leader).leaderReadBarrier(token);
            sim.runFor(20);
        }
        sim.network().heal();
        proposeUntilCommitted(sim, "after", 3);

        long otherLeaderAt = sim.history().of(SimEvent.LeadershipChanged.class).stream()
                .filter(c -> c.atMillis() > cutAt && c.node() != leader && c.role() == Role.LEADER)
                .mapToLong(SimEvent.LeadershipChanged::atMillis).min().orElseThrow();
        assertThat(otherLeaderAt).as("another server led while the old leader was cut off")
                .isLessThan(cutAt + 3_000);
        for (Map.Entry<Long, Long> e : answers.satisfiedAt.entrySet()) {
            long asked = askedAt.get(e.getKey());
            assertThat(asked).as("read %d confirmed at %d ms", e.getKey(), e.getValue()).isLessThan(otherLeaderAt);
            if (protocol.name().endsWith(LeaderReadMode.READ_INDEX.name())) {
                assertThat(asked).as("read %d confirmed by a quorum round after the cut", e.getKey())
                        .isLessThanOrEqualTo(cutAt);
            }
        }
        assertThat(answers.refused).as("reads the old leader could not confirm are refused once it steps down")
                .containsAll(askedAt.keySet().stream().filter(t -> !answers.satisfiedAt.containsKey(t)).toList());
    }

    // ---- helpers ----

    /**
     * Proposes {@code count} payloads, one at a time at the nodes in turn, each until some node has
     * committed it (re-proposing what a leaderless moment dropped), then lets every node catch up.
     */
    private static Set<String> proposeUntilCommitted(Simulation sim, String prefix, int count) {
        sim.start();
        Set<String> proposed = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = payload(prefix + "-" + i);
            long hash = TraceHash.hashBytes(payload);
            int node = sim.nodeIds().get(i % sim.nodeIds().size());
            boolean committed = false;
            for (int attempt = 0; attempt < 100 && !committed; attempt++) {
                int target = sim.node(node).up() ? node : sim.nodeIds().stream().filter(id -> sim.node(id).up())
                        .findFirst().orElseThrow();
                sim.propose(target, payload);
                committed = sim.runUntil(() -> sim.history().of(SimEvent.Committed.class).stream()
                        .anyMatch(c -> c.payloadHash() == hash), 500);
            }
            assertThat(committed).as("%s committed within 50 s of retries", prefix + "-" + i).isTrue();
            proposed.add(prefix + "-" + i);
        }
        sim.runFor(2_000);
        return proposed;
    }

    /** Each node's committed payload hashes, in its delivery order, across its incarnations. */
    private static Map<Integer, List<Long>> committedPayloadsByNode(Simulation sim) {
        Map<Integer, List<Long>> orders = new TreeMap<>();
        for (int id : sim.nodeIds()) {
            orders.put(id, new ArrayList<>());
        }
        for (SimEvent.Committed c : sim.history().of(SimEvent.Committed.class)) {
            orders.get(c.node()).add(c.payloadHash());
        }
        return orders;
    }

    /** What {@code node} applied since it last crashed, its replayed log included: its whole state now. */
    private static List<Long> deliveredSinceLastRestart(Simulation sim, int node) {
        List<Long> applied = new ArrayList<>();
        for (SimEvent event : sim.history().events()) {
            if (event instanceof SimEvent.Crashed c && c.node() == node) {
                applied.clear();
            } else if (event instanceof SimEvent.Applied a && a.node() == node) {
                applied.add(a.payloadHash());
            }
        }
        return applied;
    }

    private static void assertSameLogEverywhere(Simulation sim) {
        long zxid = sim.node(sim.nodeIds().get(0)).lastAppliedZxid();
        long digest = sim.node(sim.nodeIds().get(0)).digest();
        for (SimNode node : sim.nodes()) {
            assertThat(node.lastAppliedZxid()).as("node %d applied", node.id()).isEqualTo(zxid);
            assertThat(node.digest()).as("node %d digest", node.id()).isEqualTo(digest);
        }
    }

    private static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
