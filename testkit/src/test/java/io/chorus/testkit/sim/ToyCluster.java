package io.chorus.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds simulations of the toy primary-backup protocol, and checks what every run of it must satisfy. */
final class ToyCluster {
    private ToyCluster() {
    }

    static Simulation.Builder builder(long seed, int nodes) {
        return builder(seed, nodes, false);
    }

    /** With {@code plantedBug}, the leader commits without having the entry durable itself. */
    static Simulation.Builder builder(long seed, int nodes, boolean plantedBug) {
        return Simulation.builder().seed(seed).nodes(nodes)
                .protocol(context -> new PrimaryBackupProtocol(context, plantedBug))
                .stateMachine(LogDigestStateMachine::new).messageFingerprint(PrimaryBackupProtocol::fingerprint);
    }

    static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Proposes "w-n" at a random node every {@code periodMillis}, until the returned action stops it. */
    static Runnable busyWorkload(Simulation sim, long periodMillis) {
        long[] n = {0};
        boolean[] stopped = {false};
        sim.every(periodMillis, () -> {
            if (!stopped[0]) {
                sim.propose(sim.randomNode(), payload("w-" + n[0]++));
            }
        });
        return () -> stopped[0] = true;
    }

    /** Each node's committed (zxid, payload hash) sequence, in order, over all its incarnations. */
    static Map<Integer, List<SimEvent.Committed>> committedByNode(Simulation sim) {
        Map<Integer, List<SimEvent.Committed>> byNode = new HashMap<>();
        for (SimEvent.Committed c : sim.history().of(SimEvent.Committed.class)) {
            byNode.computeIfAbsent(c.node(), k -> new ArrayList<>()).add(c);
        }
        return byNode;
    }

    /**
     * Durability: once the cluster has converged, every entry any node ever committed is in every node's log
     * (the toy never purges).
     */
    static void assertEveryCommittedEntryIsEverywhere(Simulation sim) {
        java.util.Optional<String> missing = firstCommittedEntryMissingSomewhere(sim);
        assertThat(missing).as("seed %d", sim.seed()).isEmpty();
    }

    /** The first committed entry some node's log lacks, described; empty when there is none. */
    static java.util.Optional<String> firstCommittedEntryMissingSomewhere(Simulation sim) {
        List<SimEvent.Committed> committed = sim.history().of(SimEvent.Committed.class);
        for (SimNode node : sim.nodes()) {
            java.util.Set<Long> logged = new java.util.HashSet<>();
            node.disk().log().readAfter(0).forEachRemaining(e -> logged.add(e.zxid()));
            for (SimEvent.Committed c : committed) {
                if (!logged.contains(c.zxid())) {
                    return java.util.Optional.of(String.format("zxid %x committed at node %d at %d ms is not in node %d's log",
                            c.zxid(), c.node(), c.atMillis(), node.id()));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Safety of any run: one zxid names one payload everywhere; every node's digests agree at each zxid
     * (applied or replayed); and each node's committed zxids go up within an incarnation.
     */
    static void assertSafe(Simulation sim) {
        Map<Long, Long> payloadAt = new HashMap<>();
        for (SimEvent.Committed c : sim.history().of(SimEvent.Committed.class)) {
            Long earlier = payloadAt.putIfAbsent(c.zxid(), c.payloadHash());
            if (earlier != null && earlier != c.payloadHash()) {
                fail("zxid %x committed with two payloads (seed %d): %s", c.zxid(), sim.seed(), c);
            }
        }
        Map<Long, Long> committedDigest = new HashMap<>();
        for (SimEvent.Applied a : sim.history().of(SimEvent.Applied.class)) {
            if (!a.replayed()) {
                Long earlier = committedDigest.putIfAbsent(a.zxid(), a.digest());
                if (earlier != null && earlier != a.digest()) {
                    fail("replicas differ after applying %x (seed %d): %s", a.zxid(), sim.seed(), a);
                }
            }
        }
        Map<Integer, Long> lastCommitted = new HashMap<>();
        for (SimEvent e : sim.history().events()) {
            if (e instanceof SimEvent.Restarted r) {
                lastCommitted.remove(r.node());
            } else if (e instanceof SimEvent.Truncated t && t.rebuilt()) {
                lastCommitted.put(t.node(), t.afterZxid());
            } else if (e instanceof SimEvent.Committed c) {
                long before = lastCommitted.getOrDefault(c.node(), 0L);
                if (c.zxid() <= before) {
                    fail("node %d committed %x after %x (seed %d)", c.node(), c.zxid(), before, sim.seed());
                }
                lastCommitted.put(c.node(), c.zxid());
            }
        }
    }
}
