package io.chorus.experiments.run;

import io.chorus.api.Code;
import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.paxos.PaxosSettings;
import io.chorus.testkit.sim.ListenerSlot;
import io.chorus.testkit.sim.FaultPreset;
import io.chorus.testkit.sim.ProtocolFactory;
import io.chorus.testkit.sim.Simulation;
import io.chorus.testkit.zk.PaxosEnsembles;
import io.chorus.testkit.zk.ReadWorkloadClients;
import io.chorus.testkit.zk.TimedOp;
import io.chorus.testkit.zk.TreeStateMachine;
import io.chorus.testkit.zk.ZabEnsembles;
import io.chorus.zab.ZabSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One run of the read-mode workload in the simulator: the real data tree and request pipeline on every node,
 * the chosen protocol between them, a quiet network (1-5 ms per message, 1-3 ms per fsync), and faults placed
 * exactly: a slow follower's links, a follower partitioned for the middle half of the window, or the leader
 * crashed. Besides the spec's clients, one read-only client per server keeps reading there (a mixed client
 * whose write waits on a cut-off follower reads nothing more until it gives up). The protocol confirms
 * LINEARIZABLE reads as the spec's mode says: by a quorum round, or by a lease with a drift allowance of
 * {@link #LEASE_DRIFT_MILLIS} (the simulated servers' clocks agree). The same spec gives the same operations,
 * byte for byte.
 */
public final class SimReadModeRun {
    /** What a slow follower's links add to every message, each way: well below Zab's and paxos-lite's timeouts. */
    public static final long SLOW_LINK_MILLIS = 40;
    /** The clients' think time between operations, at most. */
    static final long THINK_MILLIS_MAX = 2;
    static final int KEYS = 8;
    /** A leader must serve and the keys exist within this, or the run fails. */
    static final long SETUP_BOUND_MILLIS = 30_000;
    /** After the window, outstanding operations get this long to be answered. */
    static final long DRAIN_MILLIS = 2_000;
    /** The lease's clock-drift allowance in the simulator, whose clocks agree: small beside the lease. */
    public static final long LEASE_DRIFT_MILLIS = 10;

    private SimReadModeRun() {
    }

    /** The read-mode run of {@code spec} (variant "sim"). */
    public static RunRecord run(RunSpec spec) {
        return run(spec, List.of(spec.mode()), false);
    }

    /**
     * The workload with the clients' reads in {@code modes} side by side (client i in mode i mod size), the leader
     * crashed a quarter into the window and restarted at three quarters. The ensemble confirms LINEARIZABLE reads
     * as the spec's mode says; {@code modes} must agree with it.
     */
    public static RunRecord runFailover(RunSpec spec, List<ReadMode> modes) {
        return run(spec, modes, true);
    }

    private static RunRecord run(RunSpec spec, List<ReadMode> modes, boolean crashLeader) {
        List<ReadConsistency> consistencies = consistencies(spec, modes);
        List<TimedOp> ops = new ArrayList<>();
        List<RunRecord.Marker> markers = new ArrayList<>();
        ListenerSlot slot = new ListenerSlot();
        Simulation sim = network(spec.system(), spec.leaderReads()).apply(Simulation.builder().seed(spec.seed())
                .nodes(spec.ensembleSize()).protocol(protocol(spec.system(), spec.leaderReads()))
                .stateMachine(TreeStateMachine::new).faults(FaultPreset.NONE).listener(slot)).build();
        ReadWorkloadClients clients = new ReadWorkloadClients(sim, new ReadWorkloadClients.Settings(spec.clients(),
                KEYS, spec.readPercent() / 100.0, consistencies, false, THINK_MILLIS_MAX, 1), ops::add);
        slot.set(clients.listener());
        clients.start();
        if (!sim.runUntil(() -> clients.ready() && sim.leaders().size() == 1, SETUP_BOUND_MILLIS)) {
            throw new IllegalStateException(spec.id() + ": no leader with the keys created within "
                    + SETUP_BOUND_MILLIS + " simulated ms");
        }
        long start = sim.now();
        long end = start + spec.durationMillis();
        int leader = sim.leaders().iterator().next();
        int follower = sim.nodeIds().stream().filter(id -> id != leader).findFirst().orElseThrow();
        if (crashLeader) {
            long crashAt = start + spec.durationMillis() / 4;
            sim.at(crashAt, () -> {
                markers.add(new RunRecord.Marker(crashAt * 1_000, "leader " + leader + " crashed"));
                sim.crash(leader);
            });
            long restartAt = start + 3 * spec.durationMillis() / 4;
            sim.at(restartAt, () -> {
                markers.add(new RunRecord.Marker(restartAt * 1_000, "server " + leader + " restarted"));
                sim.restartIfDown(leader);
            });
        }
        switch (spec.lag()) {
            case NONE -> { }
            case SLOW_FOLLOWER -> {
                markers.add(new RunRecord.Marker(start * 1_000, "follower " + follower + " slowed by "
                        + SLOW_LINK_MILLIS + " ms per message"));
                sim.network().setExtraDelay(follower, SLOW_LINK_MILLIS);
            }
            case PARTITIONED_HEALED -> {
                long cutAt = start + spec.durationMillis() / 4;
                long healAt = start + 3 * spec.durationMillis() / 4;
                sim.at(cutAt, () -> {
                    markers.add(new RunRecord.Marker(cutAt * 1_000, "follower " + follower + " partitioned"));
                    sim.network().isolate(follower);
                });
                sim.at(healAt, () -> {
                    markers.add(new RunRecord.Marker(healAt * 1_000, "partition healed"));
                    sim.network().heal();
                });
            }
            default -> throw new IllegalArgumentException("unknown lag " + spec.lag());
        }
        sim.runFor(spec.durationMillis());
        clients.stop();
        sim.runFor(DRAIN_MILLIS);
        String unsupported = ops.stream().filter(op -> !op.write() && op.code() == Code.UNIMPLEMENTED.intValue())
                .map(op -> "this build's server answers " + ReadMode.of(op.mode(), spec.leaderReads())
                        + " reads with UNIMPLEMENTED").findFirst()
                .orElse(null);
        return new RunRecord(spec, ops, start * 1_000, end * 1_000, markers, unsupported);
    }

    /**
     * What the clients ask for on the wire; a LINEARIZABLE mode must be the one the ensemble runs (one ensemble
     * confirms LINEARIZABLE reads one way).
     */
    static List<ReadConsistency> consistencies(RunSpec spec, List<ReadMode> modes) {
        for (ReadMode mode : modes) {
            if (mode.consistency() == ReadConsistency.LINEARIZABLE && mode.leaderReads() != spec.leaderReads()) {
                throw new IllegalArgumentException(spec.id() + ": " + mode + " reads on an ensemble whose "
                        + "linearizableReads is " + ReadMode.configValue(spec.leaderReads()));
            }
        }
        return modes.stream().map(ReadMode::consistency).toList();
    }

    /** Zab's settings in the simulator: the defaults, LINEARIZABLE reads confirmed as {@code reads} says. */
    public static ZabSettings zabSettings(LeaderReadMode reads) {
        return ZabSettings.defaults().withLeaderReads(reads, drift(reads));
    }

    /** paxos-lite's settings in the simulator: the defaults, LINEARIZABLE reads confirmed as {@code reads} says. */
    public static PaxosSettings paxosSettings(LeaderReadMode reads) {
        return PaxosSettings.defaults().withLeaderReads(reads, drift(reads));
    }

    /** How long a follower's promise lasts in the simulator (Zab: syncLimit; paxos-lite: the election timeout). */
    public static long leaseMillis(String system) {
        return switch (system) {
            case "zab" -> ZabSettings.defaults().syncLimit() * ZabSettings.defaults().tickMillis();
            case "paxos-lite" -> PaxosSettings.defaults().electionTimeout() * PaxosSettings.defaults().tickMillis();
            default -> throw new IllegalArgumentException("the simulator runs zab or paxos-lite, not " + system);
        };
    }

    private static long drift(LeaderReadMode reads) {
        return reads == LeaderReadMode.LEASE ? LEASE_DRIFT_MILLIS : 0;
    }

    static ProtocolFactory protocol(String system, LeaderReadMode reads) {
        return switch (system) {
            case "zab" -> ZabEnsembles.protocol(zabSettings(reads), Set.of());
            case "paxos-lite" -> PaxosEnsembles.protocol(paxosSettings(reads), Set.of());
            default -> throw new IllegalArgumentException("the simulator runs zab or paxos-lite, not " + system);
        };
    }

    static UnaryOperator<Simulation.Builder> network(String system, LeaderReadMode reads) {
        return switch (system) {
            case "zab" -> ZabEnsembles.network(zabSettings(reads));
            case "paxos-lite" -> PaxosEnsembles.network(paxosSettings(reads));
            default -> throw new IllegalArgumentException("the simulator runs zab or paxos-lite, not " + system);
        };
    }
}
