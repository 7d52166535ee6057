package io.chorus.experiments.run;

import io.chorus.api.Code;
import io.chorus.api.ReadConsistency;
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
 * whose write waits on a cut-off follower reads nothing more until it gives up). The same spec gives the same
 * operations, byte for byte.
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

    private SimReadModeRun() {
    }

    /** The read-mode run of {@code spec} (variant "sim"). */
    public static RunRecord run(RunSpec spec) {
        return run(spec, List.of(spec.mode()), false);
    }

    /**
     * The workload with the clients' reads in {@code modes} side by side (client i in mode i mod size), the leader
     * crashed a quarter into the window and restarted at three quarters.
     */
    public static RunRecord runFailover(RunSpec spec, List<ReadConsistency> modes) {
        return run(spec, modes, true);
    }

    private static RunRecord run(RunSpec spec, List<ReadConsistency> modes, boolean crashLeader) {
        List<TimedOp> ops = new ArrayList<>();
        List<RunRecord.Marker> markers = new ArrayList<>();
        ListenerSlot slot = new ListenerSlot();
        Simulation sim = network(spec.system()).apply(Simulation.builder().seed(spec.seed()).nodes(spec.ensembleSize())
                .protocol(protocol(spec.system())).stateMachine(TreeStateMachine::new).faults(FaultPreset.NONE)
                .listener(slot)).build();
        ReadWorkloadClients clients = new ReadWorkloadClients(sim, new ReadWorkloadClients.Settings(spec.clients(),
                KEYS, spec.readPercent() / 100.0, modes, false, THINK_MILLIS_MAX, 1), ops::add);
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
                .map(op -> "this build's server answers " + op.mode() + " reads with UNIMPLEMENTED").findFirst()
                .orElse(null);
        return new RunRecord(spec, ops, start * 1_000, end * 1_000, markers, unsupported);
    }

    static ProtocolFactory protocol(String system) {
        return switch (system) {
            case "zab" -> ZabEnsembles.protocol(ZabSettings.defaults(), Set.of());
            case "paxos-lite" -> PaxosEnsembles.protocol(PaxosSettings.defaults(), Set.of());
            default -> throw new IllegalArgumentException("the simulator runs zab or paxos-lite, not " + system);
        };
    }

    static UnaryOperator<Simulation.Builder> network(String system) {
        return switch (system) {
            case "zab" -> ZabEnsembles.network(ZabSettings.defaults());
            case "paxos-lite" -> PaxosEnsembles.network(PaxosSettings.defaults());
            default -> throw new IllegalArgumentException("the simulator runs zab or paxos-lite, not " + system);
        };
    }
}
