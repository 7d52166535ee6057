package io.chorus.zab;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded runs with message loss, crashes (losing unsynced writes), isolation and healing, checked for the
 * safety properties (committed prefixes agree, one leader per epoch, every write a leader delivered survives)
 * and, once faults stop, for progress. Not the simulator: a smoke test of the protocol on its own.
 *
 * <p>Sweeps: {@code mvn -o test -pl zab -Dtest='RandomFailuresTest#safety*' -Dzab.seeds=10000 -Dzab.steps=250
 * -Dzab.loss=5 -Dzab.reorder=3 -Dzab.duplicate=2} (add {@code -Dzab.seedFrom=S -Dzab.seeds=S -Dzab.trace=true}
 * to replay one seed with a message trace).
 */
class RandomFailuresTest {
    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = Long.getLong("zab.seedFrom", 1); s <= Long.getLong("zab.seeds", 200); s++) {
            seeds.add(s);
        }
        return seeds;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void safetyUnderLossCrashesAndPartitions(long seed) {
        run(seed, Integer.getInteger("zab.loss", 3));
    }

    /** One seeded run; throws AssertionError when a property is broken. */
    static void run(long seed, int lossPercent, PlantedFault... faults) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = seed % 2 == 0 ? 3 : 5;
        // Some seeds send snapshots readily and keep few entries in memory, so DIFF reads the log back.
        ZabSettings settings = new ZabSettings(100, 10, 5, 200, seed % 3 == 0 ? 2 : 1_000, seed % 4 == 1 ? 1 : 10_000);
        TestCluster cluster = new TestCluster(size, settings, seed).withFaults(faults);
        cluster.dropIf = e -> random.nextInt(100) < lossPercent;
        // Some seeds also reorder and duplicate messages, which Zab's FIFO channels never do: it must stay safe.
        int reorder = Integer.getInteger("zab.reorder", seed % 5 == 0 ? 5 : 0);
        int duplicate = Integer.getInteger("zab.duplicate", seed % 7 == 0 ? 3 : 0);
        if (reorder > 0 || duplicate > 0) {
            cluster.chaos = new SplittableRandom(seed ^ 0x5eed);
            cluster.reorderPercent = reorder;
            cluster.duplicatePercent = duplicate;
        }
        // Some servers' logs sync only now and then, so a crash can lose what they logged.
        cluster.nodes.values().forEach(n -> n.autoSync = random.nextInt(3) == 0);
        cluster.startAll();
        List<String> acknowledged = new ArrayList<>();
        int next = 0;
        for (int step = 0; step < Integer.getInteger("zab.steps", 150); step++) {
            int action = random.nextInt(100);
            int id = 1 + random.nextInt(size);
            TestCluster.Node n = cluster.node(id);
            if (action < 50) {
                if (n.alive && n.protocol.propose(("v" + next).getBytes(), cluster.now) != ProposeOutcome.NO_LEADER) {
                    next++;
                }
                cluster.pump();
            } else if (action < 60 && n.alive) {
                cluster.crash(id);
            } else if (action < 70 && !n.alive) {
                cluster.restart(id);
            } else if (action < 73) {
                cluster.isolate(id);
            } else if (action < 78) {
                cluster.heal();
            } else if (action < 85) {
                if (n.alive) {
                    cluster.sync(id);
                    cluster.pump();
                }
            } else {
                cluster.runFor(100 * (1 + random.nextInt(5)));
            }
            for (TestCluster.Node node : cluster.nodes.values()) {
                if (node.alive && node.role() == Role.LEADER) {
                    node.appliedPayloads().stream().filter(p -> !acknowledged.contains(p)).forEach(acknowledged::add);
                }
            }
            cluster.assertPrefixesAgree();
        }
        // Liveness: everything heals and a quorum makes progress.
        cluster.dropIf = e -> false;
        cluster.chaos = null;
        cluster.heal();
        cluster.nodes.keySet().stream().filter(id -> !cluster.node(id).alive).forEach(cluster::restart);
        cluster.nodes.values().forEach(n -> {
            n.autoSync = true;
            cluster.sync(n.id);
        });
        cluster.pump();
        // A proposal may be lost with the leadership it was made under (a client would retry): retry it.
        for (int attempt = 0; attempt < 20 && !cluster.deliveredEver.containsValue("final"); attempt++) {
            cluster.proposeAll(cluster.awaitLeader(20_000), "final");
            cluster.runFor(1_000);
        }
        // Heavy loss may have left some server resynchronising: give it time, in ticks, to catch up.
        for (int i = 0; i < 100 && !cluster.nodes.values().stream()
                .allMatch(n -> n.appliedPayloads().contains("final")); i++) {
            cluster.runFor(500);
        }
        cluster.assertPrefixesAgree();
        cluster.assertOneLeaderPerEpoch();
        cluster.assertEveryDeliveryKept();
        for (TestCluster.Node node : cluster.nodes.values()) {
            assertThat(node.appliedPayloads()).as("server %s, seed %s", node.id, seed).contains("final")
                    .containsAll(acknowledged);
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(PlantedFault.class)
    void everyPlantedFaultIsFoundWithinTwoHundredSeeds(PlantedFault fault) {
        for (long seed = 1; seed <= 200; seed++) {
            try {
                run(seed, 10, fault);
            } catch (AssertionError | IllegalStateException found) {
                System.out.println("bug " + fault + ": found at seed " + seed + ": " + found.getMessage().lines()
                        .findFirst().orElse(""));
                return;
            }
        }
        throw new AssertionError("bug " + fault + ": not found in 200 seeds");
    }
}
